package dev.roster.ops;

import dev.roster.core.PhotoKeys;
import dev.roster.core.profile.Photo;
import dev.roster.core.profile.Profile;
import dev.roster.core.table.ProfileTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Backfill after a crop-spec change: every profile whose photo was made to an older spec version (or lacks
 * a crop) is sent through the one pipeline again. Its kept original is copied back under {@code uploads/}
 * and the profile told to wait for that upload; the thumbnail function does the rest, like for any upload.
 * <p>
 * Finding them is a paged, filtered {@code Scan} of this community's profile items. A sparse index was the
 * alternative, but "older than the current spec" changes meaning with every spec bump, so an index would
 * have to key on the version itself, cost a write on every photo forever, and still be read whole after a
 * bump; a Scan costs reads only when ops run the job (a 10 000-member community is ~100 000 small items,
 * a few thousand read units).
 * <p>
 * Each profile goes through {@link #reprocess} in a way that can run any number of times: the new upload id
 * is derived from the spec version and the original's id, so a second run finds its own work (pending, or
 * already copied) and leaves it alone.
 */
final class Reprocess {

    private final ProfileTable profiles;
    private final UploadsBucket uploads;
    private final int targetVersion;

    Reprocess(ProfileTable profiles, UploadsBucket uploads, int targetVersion) {
        this.profiles = profiles;
        this.uploads = uploads;
        this.targetVersion = targetVersion;
    }

    /** Photos queued per second unless ops say otherwise. */
    static final double DEFAULT_PER_SECOND = 5;

    /** What happened to one profile. */
    sealed interface Outcome {
        record Queued(String profileId, String uploadId) implements Outcome {}

        record Skipped(String profileId, String why) implements Outcome {}

        record Failed(String profileId, String why) implements Outcome {}
    }

    record Report(
            int scannedItems,
            int queued,
            int skipped,
            int failed,
            String cursor,
            boolean dryRun,
            int targetSpecVersion,
            List<Outcome> notes) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("job", "reprocess");
            json.put("targetSpecVersion", targetSpecVersion);
            json.put("dryRun", dryRun);
            json.put("scannedItems", scannedItems);
            json.put("queued", queued);
            json.put("skipped", skipped);
            json.put("failed", failed);
            json.put("cursor", cursor);
            json.put("done", cursor == null);
            json.put(
                    "notes",
                    notes.stream()
                            .map(note -> switch (note) {
                                case Outcome.Queued q ->
                                    Map.of("profileId", q.profileId(), "outcome", "queued", "uploadId", q.uploadId());
                                case Outcome.Skipped s ->
                                    Map.of("profileId", s.profileId(), "outcome", "skipped", "why", s.why());
                                case Outcome.Failed f ->
                                    Map.of("profileId", f.profileId(), "outcome", "failed", "why", f.why());
                            })
                            .toList());
            return json;
        }
    }

    Report run(ProfileWalk.Request request, Deadline deadline) {
        Pace pace = new Pace(request.perSecond());
        ProfileWalk.Walked<Outcome> walked = ProfileWalk.run(
                "reprocess",
                profiles,
                after -> profiles.photosOlderThan(targetVersion, after, ProfileWalk.SCAN_PAGE_ITEMS),
                request,
                deadline,
                profile -> reprocess(profile, request.dryRun(), pace),
                outcome -> true);
        return new Report(
                walked.scannedItems(),
                walked.count(Outcome.Queued.class),
                walked.count(Outcome.Skipped.class),
                walked.count(Outcome.Failed.class),
                walked.cursor(),
                request.dryRun(),
                targetVersion,
                walked.notes());
    }

    /**
     * One stale profile. The order matters: the profile is told to wait for the new upload before the copy
     * makes the S3 event, or the event could arrive first and be dropped as stale.
     */
    Outcome reprocess(Profile profile, boolean dryRun, Pace pace) {
        String profileId = profile.id();
        Photo photo = profile.photo();
        String originalUploadId = photo.uploadId();
        String uploadId = reprocessUploadId(targetVersion, originalUploadId);
        Optional<String> pending = Optional.ofNullable(profile.pendingUploadId());
        if (pending.isPresent() && !pending.get().equals(uploadId)) {
            return new Outcome.Skipped(
                    profileId, "the member's own upload " + pending.get() + " is in progress; it will set the photo");
        }
        pace.await();
        if (uploads.exists(PhotoKeys.upload(profileId, uploadId))) {
            return new Outcome.Skipped(
                    profileId,
                    pending.isPresent()
                            ? "already queued as upload " + uploadId
                                    + " (the thumbnail function has not finished it yet)"
                            : "upload " + uploadId
                                    + " was already processed and did not update the photo (see the profile's photoRejection)");
        }
        if (dryRun) {
            return new Outcome.Queued(profileId, uploadId);
        }
        // the member's focal point goes along, so the new crops are cut from the same window
        ProfileTable.Write claimed = profiles.queueReprocess(
                profileId,
                uploadId,
                originalUploadId,
                Optional.ofNullable(photo.crop()).map(Photo.Crop::focalPoint));
        if (!(claimed instanceof ProfileTable.Write.Done)) {
            return new Outcome.Skipped(
                    profileId, "the profile changed meanwhile (a new photo or upload); nothing to do");
        }
        return switch (uploads.copyToUploads(PhotoKeys.original(profileId, originalUploadId), profileId, uploadId)) {
            case COPIED -> new Outcome.Queued(profileId, uploadId);
            case SOURCE_MISSING -> {
                profiles.unqueuePhoto(profileId, uploadId);
                yield new Outcome.Failed(
                        profileId,
                        "its original " + PhotoKeys.original(profileId, originalUploadId)
                                + " is missing; only the member can upload the photo again");
            }
        };
    }

    /**
     * The upload id of a reprocess run: {@code r<version>-} and a hash of the original's id, so every run
     * for the same spec version and the same original picks the same id (and finds its own earlier work).
     */
    static String reprocessUploadId(int version, String originalUploadId) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(originalUploadId.getBytes(StandardCharsets.UTF_8));
            return "r" + version + "-"
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(digest)
                            .substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
