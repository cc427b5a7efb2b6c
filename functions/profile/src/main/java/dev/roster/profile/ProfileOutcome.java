package dev.roster.profile;

import dev.roster.core.http.ApiError;
import dev.roster.core.profile.FocalPoint;
import dev.roster.core.profile.Profile;

/** What a profile request came to; the handler turns each into its HTTP response. */
sealed interface ProfileOutcome {
    /** Someone's profile as the community sees it. */
    record PublicProfile(Profile profile) implements ProfileOutcome {
    }

    /** Someone's profile as a vCard ({@code GET /profiles/{id}/vcard}): what its page shows, as a contact. */
    record ContactCard(Profile profile) implements ProfileOutcome {
    }

    /** The caller's own profile, with the private and status fields. */
    record OwnProfile(Profile profile) implements ProfileOutcome {
    }

    record Saved(Profile profile, boolean created) implements ProfileOutcome {
    }

    record UploadGranted(PhotoUploads.Grant grant, long version) implements ProfileOutcome {
    }

    /** The crops will be cut again around {@code focalPoint}, by the thumbnail function, from upload {@code uploadId}. */
    record FocalPointAccepted(String uploadId, FocalPoint focalPoint, long version) implements ProfileOutcome {
    }

    record PhotoRemoved() implements ProfileOutcome {
    }

    /** Not done, and why: a 4xx the caller can act on. */
    record Refused(ApiError error) implements ProfileOutcome {
    }
}
