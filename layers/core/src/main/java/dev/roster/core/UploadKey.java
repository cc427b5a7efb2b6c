package dev.roster.core;

/**
 * An upload, {@code uploads/<profileId>/<uploadId>}, as the profile function (or an ops job) chose its key.
 * Anything else (the thumbnail function's own output, an original kept for re-processing, a hand-copied
 * file) is not an upload ({@link PhotoKeys#parseUpload} is empty), so the pipeline never loops on its writes.
 */
public record UploadKey(String profileId, String uploadId) {
    public String key() {
        return PhotoKeys.upload(profileId, uploadId);
    }

    /** Where the accepted original is kept (private) so the reprocess job can derive the crops again. */
    public String originalKey() {
        return PhotoKeys.original(profileId, uploadId);
    }
}
