package dev.roster.core.profile;

/**
 * The crops of a ready photo, as URLs (1x and 2x of the thumbnail and the detail image), plus placeholder and
 * colour; {@code crop} says where they were cut from (null for photos made before crop windows were recorded).
 */
public record Photo(String thumb1x, String thumb2x, String detail1x, String detail2x, String placeholder, String colour,
                    Crop crop) {

    public Photo(String thumb1x, String thumb2x, String detail1x, String detail2x, String placeholder, String colour) {
        this(thumb1x, thumb2x, detail1x, detail2x, placeholder, colour, null);
    }

    /**
     * The square window (upright source pixels) every crop was cut from, the upright source size, and the
     * member's focal point that placed the window (null when the thumbnail function chose it).
     */
    public record Crop(int sourceWidth, int sourceHeight, int x, int y, int side, FocalPoint focalPoint) {
    }
}
