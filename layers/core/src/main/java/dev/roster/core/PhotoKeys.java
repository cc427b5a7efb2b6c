package dev.roster.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every object key format, in one place. In the uploads bucket: {@code uploads/<profileId>/<uploadId>} is
 * what the thumbnail function processes (and only that); {@code originals/<profileId>/<uploadId>} is where
 * it keeps an accepted upload so the reprocess job can send it through the pipeline again; {@code imports/}
 * holds bulk-import files and their photos, which the pipeline never sees until the import copies one under
 * {@code uploads/}. In the photos bucket: {@code photos/<profileId>/<uploadId>/<content hash>.jpg}, the same path
 * as in the crop's URL: the site's distribution serves {@code /photos/*} from this bucket, passing the path on as
 * the key. A crop's key names its upload, so no two uploads ever share a crop (the same file uploaded twice gives
 * two sets of keys): the pipeline can delete or retire one upload's crops without touching another's. Photos
 * made before crops were kept per upload have keys {@code photos/<profileId>/<content hash>.jpg}; they are
 * handled by their URLs like any other. A crop's WebP twin, when there is one, is the same key with
 * {@code .webp} ({@link #twin}).
 */
public final class PhotoKeys {
    public static final String UPLOADS_PREFIX = "uploads/";
    public static final String ORIGINALS_PREFIX = "originals/";
    public static final String IMPORTS_PREFIX = "imports/";
    public static final String CROPS_PREFIX = "photos/";
    /** Characters of the (base64url) content hash in a crop's name. */
    public static final int CROP_HASH_CHARS = 16;

    /** Ids as the profile function makes them (and nothing a client could smuggle a path into). */
    private static final Pattern UPLOAD =
            Pattern.compile(Pattern.quote(UPLOADS_PREFIX) + "([A-Za-z0-9_-]{1,64})/([A-Za-z0-9_-]{1,64})");

    private PhotoKeys() {}

    public static String upload(String profileId, String uploadId) {
        return UPLOADS_PREFIX + profileId + "/" + uploadId;
    }

    public static String original(String profileId, String uploadId) {
        return ORIGINALS_PREFIX + profileId + "/" + uploadId;
    }

    /**
     * Where a crop of {@code upload} is kept: named by its content, so writing the same crop twice (a retry,
     * a duplicate event) writes the same object, and a URL never changes meaning. The first
     * {@value #CROP_HASH_CHARS} characters of the content hash (96 bits) tell apart the handful of objects under
     * one upload's prefix, and keep the URL, upload id included, shorter than a whole SHA-256 alone was: every
     * card item (24 on a page) carries four of them.
     */
    public static String crop(UploadKey upload, String contentHash) {
        return cropsOf(upload)
                + contentHash.substring(0, Math.min(CROP_HASH_CHARS, contentHash.length()))
                + CropFormat.JPEG.extension();
    }

    /**
     * The key, or the URL, of a JPEG crop's twin in {@code format}: the same name with the format's extension.
     * The twin is made from the same pixels as the JPEG, whose content hash names them, so the item needs one
     * flag per photo rather than four more URLs on every card (a page reads 24 cards in one Query). Changing
     * the WebP settings without changing the JPEG keeps the name: what a cache holds is still the same picture.
     */
    public static String twin(String jpegCrop, CropFormat format) {
        if (!jpegCrop.endsWith(CropFormat.JPEG.extension())) {
            throw new IllegalArgumentException("not a JPEG crop's key or URL: " + jpegCrop);
        }
        return jpegCrop.substring(
                        0, jpegCrop.length() - CropFormat.JPEG.extension().length())
                + format.extension();
    }

    /** Every crop of a profile starts with this. */
    public static String cropsOf(String profileId) {
        return CROPS_PREFIX + profileId + "/";
    }

    /** Every crop made from one upload starts with this. */
    public static String cropsOf(UploadKey upload) {
        return cropsOf(upload.profileId()) + upload.uploadId() + "/";
    }

    /**
     * The key of a crop given by its public URL (the key is the URL's path), if it is one of {@code profileId}'s
     * crops: a URL anywhere else is never taken for a key of this profile's.
     */
    public static Optional<String> cropKey(String profileId, String url) {
        int at = url == null ? -1 : url.indexOf("/" + cropsOf(profileId));
        return at < 0 ? Optional.empty() : Optional.of(url.substring(at + 1));
    }

    /** The upload an (already URL-decoded) object key names, or empty when it is not an upload key. */
    public static Optional<UploadKey> parseUpload(String key) {
        Matcher matcher = UPLOAD.matcher(key);
        return matcher.matches() ? Optional.of(new UploadKey(matcher.group(1), matcher.group(2))) : Optional.empty();
    }
}
