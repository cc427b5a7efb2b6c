package dev.roster.core;

/**
 * Object keys in the uploads bucket. {@code uploads/<profileId>/<uploadId>} is what the thumbnail function
 * processes (and only that); {@code originals/<profileId>/<uploadId>} is where it keeps an accepted upload
 * so the reprocess job can send it through the pipeline again; {@code imports/} holds bulk-import files and
 * their photos, which the pipeline never sees until the import copies one under {@code uploads/}.
 */
public final class PhotoKeys {
    public static final String UPLOADS_PREFIX = "uploads/";
    public static final String ORIGINALS_PREFIX = "originals/";
    public static final String IMPORTS_PREFIX = "imports/";

    private PhotoKeys() {
    }

    public static String upload(String profileId, String uploadId) {
        return UPLOADS_PREFIX + profileId + "/" + uploadId;
    }

    public static String original(String profileId, String uploadId) {
        return ORIGINALS_PREFIX + profileId + "/" + uploadId;
    }
}
