package dev.roster.thumbnail.image;

import java.util.Locale;
import java.util.Optional;

/**
 * What the pipeline accepts, checked from the event (bytes) and from the image header (pixels) before
 * anything is decoded: a 50 KB PNG can claim 100 000 × 100 000 pixels and would need 40 GB to decode.
 */
public record PhotoLimits(long maxUploadBytes, long maxSourcePixels, int maxSourceSidePixels) {
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 15L * 1024 * 1024;
    public static final long DEFAULT_MAX_SOURCE_MEGAPIXELS = 40;
    /** Panoramas are welcome; a 1 × 40 000 000 strip is not a photo of a person. */
    public static final int MAX_SOURCE_SIDE_PIXELS = 20_000;

    public static PhotoLimits defaults() {
        return ofMegapixels(DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_MAX_SOURCE_MEGAPIXELS);
    }

    public static PhotoLimits ofMegapixels(long maxUploadBytes, long maxSourceMegapixels) {
        return new PhotoLimits(maxUploadBytes, maxSourceMegapixels * 1_000_000, MAX_SOURCE_SIDE_PIXELS);
    }

    /** Why a file of this many bytes is refused, if it is. */
    public Optional<String> checkBytes(long bytes) {
        if (bytes == 0) {
            return Optional.of("the uploaded file is empty");
        }
        if (bytes > maxUploadBytes) {
            return Optional.of("photo is " + megabytes(bytes) + "; the limit is " + megabytes(maxUploadBytes));
        }
        return Optional.empty();
    }

    /** Why an image of these dimensions (from its header) is refused, if it is. */
    public Optional<String> checkPixels(int width, int height) {
        String size = width + "×" + height;
        if ((long) width * height > maxSourcePixels) {
            return Optional.of("photo is " + size + "; the limit is " + megapixels(maxSourcePixels) + " megapixels");
        }
        if (Math.max(width, height) > maxSourceSidePixels) {
            return Optional.of("photo is " + size + "; no side may be longer than " + maxSourceSidePixels + " pixels");
        }
        if (Math.min(width, height) < CropSpec.MIN_SOURCE_SIDE_PIXELS) {
            return Optional.of(
                    "photo is " + size + "; each side must be at least " + CropSpec.MIN_SOURCE_SIDE_PIXELS + " pixels");
        }
        return Optional.empty();
    }

    private static String megabytes(long bytes) {
        if (bytes < 1024 * 1024) {
            return Math.max(1, Math.round(bytes / 1024.0)) + " KB";
        }
        double mb = bytes / (1024.0 * 1024.0);
        return (mb == Math.rint(mb) ? String.valueOf((long) mb) : String.format(Locale.ROOT, "%.1f", mb)) + " MB";
    }

    private static String megapixels(long pixels) {
        double mp = pixels / 1_000_000.0;
        return mp == Math.rint(mp) ? String.valueOf((long) mp) : String.format(Locale.ROOT, "%.1f", mp);
    }
}
