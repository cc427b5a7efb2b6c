package dev.roster.thumbnail;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key of an upload, {@code uploads/<profileId>/<uploadId>}, as the profile function chose it. Anything
 * else (the function's own output, an original kept for re-processing, a hand-copied file) is not an
 * upload and is left alone, so the function can never loop on its own writes.
 */
public record UploadKey(String profileId, String uploadId) {
    public static final String PREFIX = "uploads/";
    public static final String ORIGINALS_PREFIX = "originals/";

    private static final Pattern UPLOAD = Pattern.compile("uploads/([A-Za-z0-9_-]{1,64})/([A-Za-z0-9_-]{1,64})");

    /** Parses an already URL-decoded object key. */
    public static Optional<UploadKey> parse(String key) {
        Matcher matcher = UPLOAD.matcher(key);
        return matcher.matches() ? Optional.of(new UploadKey(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    public String key() {
        return PREFIX + profileId + "/" + uploadId;
    }

    /** Where the accepted original is kept (private) so the reprocess job can derive the crops again. */
    public String originalKey() {
        return ORIGINALS_PREFIX + profileId + "/" + uploadId;
    }
}
