package dev.roster.thumbnail.image;

import java.awt.image.BufferedImage;

/**
 * The EXIF orientation of a photo: how the stored pixels must be turned to be seen upright (phones store
 * sensor rows and set this tag instead of rotating). Applied to the centre square, which is the same
 * square whether taken before or after turning the whole image.
 */
public enum Orientation {
    NORMAL,
    MIRROR_HORIZONTAL,
    ROTATE_180,
    MIRROR_VERTICAL,
    TRANSPOSE,
    ROTATE_90_CW,
    TRANSVERSE,
    ROTATE_90_CCW;

    /** The orientation for an EXIF value 1–8; anything else is taken as upright. */
    public static Orientation fromExif(int value) {
        return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
    }

    /** Values 5–8 turn the image a quarter: the upright width is the stored height. */
    public boolean swapsAxes() {
        return ordinal() >= TRANSPOSE.ordinal();
    }

    /**
     * The stored pixel that appears at upright {@code (x, y)}, for stored size {@code storedWidth ×
     * storedHeight}: the per-pixel rule of {@link #applyToSquare}, for any rectangle.
     */
    public int[] storedPixel(int x, int y, int storedWidth, int storedHeight) {
        int w = storedWidth - 1;
        int h = storedHeight - 1;
        return switch (this) {
            case NORMAL -> new int[] {x, y};
            case MIRROR_HORIZONTAL -> new int[] {w - x, y};
            case ROTATE_180 -> new int[] {w - x, h - y};
            case MIRROR_VERTICAL -> new int[] {x, h - y};
            case TRANSPOSE -> new int[] {y, x};
            case ROTATE_90_CW -> new int[] {y, h - x};
            case TRANSVERSE -> new int[] {w - y, h - x};
            case ROTATE_90_CCW -> new int[] {w - y, x};
        };
    }

    /** The upright version of a square opaque image, as {@code TYPE_INT_RGB} (the input itself when upright already). */
    public BufferedImage applyToSquare(BufferedImage square) {
        if (this == NORMAL) {
            return square;
        }
        int n = square.getWidth();
        if (square.getHeight() != n) {
            throw new IllegalArgumentException("not a square: " + n + "x" + square.getHeight());
        }
        int[] stored = square.getRGB(0, 0, n, n, null, 0, n);
        int[] upright = new int[n * n];
        int last = n - 1;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                // (sx, sy): the stored pixel that appears at (x, y) once upright
                int sx;
                int sy;
                switch (this) {
                    case MIRROR_HORIZONTAL -> {
                        sx = last - x;
                        sy = y;
                    }
                    case ROTATE_180 -> {
                        sx = last - x;
                        sy = last - y;
                    }
                    case MIRROR_VERTICAL -> {
                        sx = x;
                        sy = last - y;
                    }
                    case TRANSPOSE -> {
                        sx = y;
                        sy = x;
                    }
                    case ROTATE_90_CW -> {
                        sx = y;
                        sy = last - x;
                    }
                    case TRANSVERSE -> {
                        sx = last - y;
                        sy = last - x;
                    }
                    case ROTATE_90_CCW -> {
                        sx = last - y;
                        sy = x;
                    }
                    default -> {
                        sx = x;
                        sy = y;
                    }
                }
                upright[y * n + x] = stored[sy * n + sx];
            }
        }
        BufferedImage result = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        result.setRGB(0, 0, n, n, upright, 0, n);
        return result;
    }
}
