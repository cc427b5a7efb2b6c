package dev.roster.profile;

import dev.roster.core.http.ApiRequest;
import dev.roster.core.http.Caller;
import dev.roster.core.observe.Log;
import dev.roster.core.profile.ProfileId;

/** Other members' pages as a member sees them: {@code GET /profiles/{id}} and its {@code /vcard}. */
final class ProfilePageRoutes {
    private final ProfileService service;

    ProfilePageRoutes(ProfileService service) {
        this.service = service;
    }

    ProfileOutcome page(ApiRequest request, Caller caller) {
        String id = request.pathParameter("id");
        if (ProfileId.isWellFormed(id)) {
            Log.profileId(id);
        }
        return service.publicProfile(caller.sub(), id);
    }

    ProfileOutcome contactCard(ApiRequest request, Caller caller) {
        return service.contactCard(caller.sub(), request.pathParameter("id"));
    }
}
