package dev.roster.thumbnail.image;

import dev.roster.core.profile.FocalPoint;

/**
 * The square every crop is cut from, in upright source pixels: always the largest square the photo holds
 * (its side is the photo's shorter side), placed along the longer side by the {@link CropChoice}.
 */
public record CropWindow(int x, int y, int side) {

    public CropWindow {
        if (x < 0 || y < 0 || side < 1) {
            throw new IllegalArgumentException("not a window: " + x + "," + y + " side " + side);
        }
    }

    /** The geometric default: the centred square (what {@link CentreSquare} cuts). */
    public static CropWindow centre(int width, int height) {
        CentreSquare square = CentreSquare.of(width, height);
        return new CropWindow(square.x(), square.y(), square.side());
    }

    /** The square centred on the focal point, moved back inside the photo where it would stick out. */
    public static CropWindow around(FocalPoint point, int width, int height) {
        int side = Math.min(width, height);
        return new CropWindow(
                clamp(Math.round(point.x() * width - side / 2.0), width - side),
                clamp(Math.round(point.y() * height - side / 2.0), height - side),
                side);
    }

    /** The square whose start along the longer side is {@code offset}, clamped into the photo. */
    public static CropWindow at(long offset, int width, int height) {
        int side = Math.min(width, height);
        return width > height
                ? new CropWindow(clamp(offset, width - side), 0, side)
                : new CropWindow(0, clamp(offset, height - side), side);
    }

    /** The same square in the stored pixels of a photo whose EXIF orientation is {@code orientation}. */
    public CropWindow stored(Orientation orientation, int storedWidth, int storedHeight) {
        int[] a = orientation.storedPixel(x, y, storedWidth, storedHeight);
        int[] b = orientation.storedPixel(x + side - 1, y + side - 1, storedWidth, storedHeight);
        return new CropWindow(Math.min(a[0], b[0]), Math.min(a[1], b[1]), side);
    }

    private static int clamp(long value, int max) {
        return (int) Math.max(0, Math.min(max, value));
    }
}
