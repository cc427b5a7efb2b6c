package dev.roster.profile;

import dev.roster.core.http.ApiRequest;
import dev.roster.core.http.Caller;
import dev.roster.core.json.Json;
import dev.roster.core.profile.ProfileInput;

/** The signed-in member's own profile: {@code GET}, {@code PUT} and {@code DELETE /me}, {@code GET /me/export}. */
final class OwnProfileRoutes {
    /**
     * Room for the largest valid profile however it is encoded: its ~3 700 characters (bio 2000, the other fields,
     * 20 tags of 40) written as JSON {@code \\u} escapes of surrogate pairs, 12 bytes each, come to ~45 KB.
     */
    static final int MAX_PROFILE_BODY_BYTES = 64 * 1024;

    private final ProfileService service;

    OwnProfileRoutes(ProfileService service) {
        this.service = service;
    }

    ProfileOutcome read(ApiRequest request, Caller caller) {
        return service.me(caller);
    }

    ProfileOutcome save(ApiRequest request, Caller caller) {
        ProfileInput input = ProfileInput.fromJson(Json.parseObject(request.body(MAX_PROFILE_BODY_BYTES)));
        return service.save(caller, input, request.header("if-match"));
    }

    ProfileOutcome leave(ApiRequest request, Caller caller) {
        return service.leave(caller, request.header("if-match"));
    }

    ProfileOutcome export(ApiRequest request, Caller caller) {
        return service.export(caller);
    }
}
