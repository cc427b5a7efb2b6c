package dev.roster.thumbnail.image;

import dev.roster.core.table.ItemAttributes.PhotoAttributes;

/**
 * The crops every photo gets: a square thumbnail (list cards) and a square detail image (profile page),
 * each at 1x and 2x. Changing a size or the encoding changes {@link #VERSION}, which the items record so
 * the reprocess job can find photos made to an older spec.
 */
public enum CropSpec {
    THUMB_1X(PhotoAttributes.THUMB_1X, 100),
    THUMB_2X(PhotoAttributes.THUMB_2X, 200),
    DETAIL_1X(PhotoAttributes.DETAIL_1X, 250),
    DETAIL_2X(PhotoAttributes.DETAIL_2X, 500);

    public static final int VERSION = PhotoAttributes.CURRENT_SPEC_VERSION;

    /** The smallest crop: a photo whose centre square is smaller than this is rejected, never upscaled. */
    public static final int MIN_SOURCE_SIDE_PIXELS = THUMB_1X.targetPixels;

    /** The long side of the whole-photo preview the owner places the focal point on (not a crop: no square). */
    public static final int PREVIEW_LONG_SIDE_PIXELS = 800;

    /** The largest crop: shrink-on-load keeps a margin above it, so the filtering downscale has pixels to work with. */
    public static final int LARGEST_PIXELS = DETAIL_2X.targetPixels;

    private final String attribute;
    private final int targetPixels;

    CropSpec(String attribute, int targetPixels) {
        this.attribute = attribute;
        this.targetPixels = targetPixels;
    }

    /** The key of the crop's URL in the item's photo map. */
    public String attribute() {
        return attribute;
    }

    public int targetPixels() {
        return targetPixels;
    }

    /**
     * The side of this crop for a source whose centre square has {@code squareSide} pixels: the target, or
     * the square itself when it is smaller. Photos are never upscaled: a 300 px source gives a 300 px
     * "500 px" detail image, which the browser shows at its CSS size no worse than an upscaled file would,
     * and the item's source size says so.
     */
    public int pixelsFor(int squareSide) {
        return Math.min(targetPixels, squareSide);
    }
}
