package dev.roster.thumbnail.image;

import java.awt.image.BufferedImage;
import java.util.HexFormat;

/**
 * The colour most of a small image is: pixels binned at 4 bits a channel, the fullest bin wins (ties: the
 * first seen), and its pixels' mean is the answer. Unlike the mean of the whole image, a red jumper on a
 * blue wall gives red or blue, not purple. Meant for the 100 px thumbnail, not a full photo.
 */
public final class DominantColour {
    private DominantColour() {}

    /** {@code #rrggbb}. */
    public static String of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        int[] count = new int[4096];
        long[] red = new long[4096];
        long[] green = new long[4096];
        long[] blue = new long[4096];
        int best = -1;
        for (int rgb : pixels) {
            int r = rgb >> 16 & 0xFF;
            int g = rgb >> 8 & 0xFF;
            int b = rgb & 0xFF;
            int bin = (r >> 4) << 8 | (g >> 4) << 4 | b >> 4;
            count[bin]++;
            red[bin] += r;
            green[bin] += g;
            blue[bin] += b;
            if (best < 0 || count[bin] > count[best]) {
                best = bin;
            }
        }
        int n = count[best];
        return "#" + HexFormat.of().toHexDigits((byte) Math.round((double) red[best] / n))
                + HexFormat.of().toHexDigits((byte) Math.round((double) green[best] / n))
                + HexFormat.of().toHexDigits((byte) Math.round((double) blue[best] / n));
    }
}
