package dev.roster.profile;

import dev.roster.core.PhotoStatus;
import dev.roster.core.http.ApiError;
import dev.roster.core.profile.FocalPoint;
import dev.roster.core.profile.Profile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a profile request came to; the handler turns each into its HTTP response. */
sealed interface ProfileOutcome {
    /** Someone's profile as the community sees it. */
    record PublicProfile(Profile profile) implements ProfileOutcome {}

    /** Someone's profile as a vCard ({@code GET /profiles/{id}/vcard}): what its page shows, as a contact. */
    record ContactCard(Profile profile) implements ProfileOutcome {}

    /** The caller's own profile, with the private and status fields. */
    record OwnProfile(Profile profile) implements ProfileOutcome {}

    /** {@code DELETE /me}: the profile, its items, objects and records are gone. */
    record Left() implements ProfileOutcome {}

    /** {@code GET /me/export}: everything stored about the caller. */
    record Exported(Map<String, Object> data) implements ProfileOutcome {}

    /** A report was taken (or the caller's earlier one on the profile is still open). */
    record Reported(String reportId) implements ProfileOutcome {}

    /** A page for the admin pages: {@code name} holds the items, {@code next} the cursor (null at the end). */
    record AdminPage(String name, List<Map<String, Object>> items, String next) implements ProfileOutcome {}

    /** An admin action was done (and audited); {@code body} says what the profile or report is now. */
    record AdminDone(Map<String, Object> body) implements ProfileOutcome {}

    record Saved(Profile profile, boolean created) implements ProfileOutcome {}

    record UploadGranted(PhotoUploads.Grant grant, long version) implements ProfileOutcome {}

    /** The crops will be cut again around {@code focalPoint}, by the thumbnail function, from upload {@code uploadId}. */
    record FocalPointAccepted(String uploadId, FocalPoint focalPoint, long version) implements ProfileOutcome {
        Map<String, Object> json() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("uploadId", uploadId);
            body.put("focalPoint", focalPoint.json());
            body.put("photoStatus", PhotoStatus.PENDING.name());
            return body;
        }
    }

    record PhotoRemoved() implements ProfileOutcome {}

    /** Not done, and why: a 4xx the caller can act on. */
    record Refused(ApiError error) implements ProfileOutcome {}
}
