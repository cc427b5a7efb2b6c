package dev.roster.core;

/**
 * The formats a crop is stored in: every crop as JPEG, which every browser shows; and, when the thumbnail
 * function could make it (libvips loaded), as WebP beside it, smaller for the same look. {@code name} is how
 * the API names the format.
 */
public enum CropFormat {
    JPEG("jpeg", ".jpg", "image/jpeg"),
    WEBP("webp", ".webp", "image/webp");

    private final String apiName;
    private final String extension;
    private final String mediaType;

    CropFormat(String apiName, String extension, String mediaType) {
        this.apiName = apiName;
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** What the API calls it ({@code formats}, the key of a format's URLs). */
    public String apiName() {
        return apiName;
    }

    /** The end of the crop's object key and URL, dot included. */
    public String extension() {
        return extension;
    }

    /** The object's {@code Content-Type}. */
    public String mediaType() {
        return mediaType;
    }
}
