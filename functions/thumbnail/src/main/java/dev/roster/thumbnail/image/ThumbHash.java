package dev.roster.thumbnail.image;

import java.util.ArrayList;
import java.util.List;

/**
 * ThumbHash (Evan Wallace, 2023): a ~25-byte placeholder that a client decodes to a blurred preview with
 * the photo's colours and aspect ratio. A port of the published reference encoder
 * ({@code rgbaToThumbHash} in the {@code thumbhash} package); the tests hold vectors produced by that
 * reference implementation, so the bytes here must match it exactly.
 */
public final class ThumbHash {
    /** The reference encoder refuses larger inputs: more pixels add nothing to a handful of DCT terms. */
    public static final int MAX_SIDE_PIXELS = 100;

    private ThumbHash() {}

    /** Encodes {@code rgba} (row by row, 4 bytes a pixel, not premultiplied) of a {@code w × h} image. */
    public static byte[] encode(int w, int h, byte[] rgba) {
        if (w < 1 || h < 1 || w > MAX_SIDE_PIXELS || h > MAX_SIDE_PIXELS) {
            throw new IllegalArgumentException(w + "x" + h + " does not fit in 100x100");
        }
        if (rgba.length != w * h * 4) {
            throw new IllegalArgumentException("expected " + w * h * 4 + " bytes, got " + rgba.length);
        }
        int pixels = w * h;

        // average colour, weighted by alpha
        double avgR = 0, avgG = 0, avgB = 0, avgA = 0;
        for (int i = 0, j = 0; i < pixels; i++, j += 4) {
            double alpha = (rgba[j + 3] & 0xFF) / 255.0;
            avgR += alpha / 255.0 * (rgba[j] & 0xFF);
            avgG += alpha / 255.0 * (rgba[j + 1] & 0xFF);
            avgB += alpha / 255.0 * (rgba[j + 2] & 0xFF);
            avgA += alpha;
        }
        if (avgA > 0) {
            avgR /= avgA;
            avgG /= avgA;
            avgB /= avgA;
        }

        boolean hasAlpha = avgA < pixels;
        int lLimit = hasAlpha ? 5 : 7; // fewer luminance terms when alpha needs the room
        int lx = Math.max(1, (int) Math.round((double) lLimit * w / Math.max(w, h)));
        int ly = Math.max(1, (int) Math.round((double) lLimit * h / Math.max(w, h)));
        double[] l = new double[pixels];
        double[] p = new double[pixels];
        double[] q = new double[pixels];
        double[] a = new double[pixels];

        // RGBA → LPQA, composited over the average colour
        for (int i = 0, j = 0; i < pixels; i++, j += 4) {
            double alpha = (rgba[j + 3] & 0xFF) / 255.0;
            double r = avgR * (1 - alpha) + alpha / 255.0 * (rgba[j] & 0xFF);
            double g = avgG * (1 - alpha) + alpha / 255.0 * (rgba[j + 1] & 0xFF);
            double b = avgB * (1 - alpha) + alpha / 255.0 * (rgba[j + 2] & 0xFF);
            l[i] = (r + g + b) / 3;
            p[i] = (r + g) / 2 - b;
            q[i] = r - g;
            a[i] = alpha;
        }

        Channel lc = Channel.encode(l, w, h, Math.max(3, lx), Math.max(3, ly));
        Channel pc = Channel.encode(p, w, h, 3, 3);
        Channel qc = Channel.encode(q, w, h, 3, 3);
        Channel ac = hasAlpha ? Channel.encode(a, w, h, 5, 5) : null;

        boolean landscape = w > h;
        long header24 = Math.round(63 * lc.dc)
                | Math.round(31.5 + 31.5 * pc.dc) << 6
                | Math.round(31.5 + 31.5 * qc.dc) << 12
                | Math.round(31 * lc.scale) << 18
                | (hasAlpha ? 1L : 0L) << 23;
        long header16 = (landscape ? ly : lx)
                | Math.round(63 * pc.scale) << 3
                | Math.round(63 * qc.scale) << 9
                | (landscape ? 1L : 0L) << 15;

        List<Channel> channels = hasAlpha ? List.of(lc, pc, qc, ac) : List.of(lc, pc, qc);
        int acCount = channels.stream().mapToInt(c -> c.ac.length).sum();
        int acStart = hasAlpha ? 6 : 5;
        byte[] hash = new byte[acStart + (acCount + 1) / 2];
        hash[0] = (byte) header24;
        hash[1] = (byte) (header24 >> 8);
        hash[2] = (byte) (header24 >> 16);
        hash[3] = (byte) header16;
        hash[4] = (byte) (header16 >> 8);
        if (hasAlpha) {
            hash[5] = (byte) (Math.round(15 * ac.dc) | Math.round(15 * ac.scale) << 4);
        }
        int index = 0;
        for (Channel channel : channels) {
            for (double f : channel.ac) {
                hash[acStart + (index >> 1)] |= (byte) (Math.round(15 * f) << ((index & 1) << 2));
                index++;
            }
        }
        return hash;
    }

    /** One channel's DCT: the constant term, the varying terms normalised to 0..1, and their scale. */
    private record Channel(double dc, double[] ac, double scale) {
        static Channel encode(double[] channel, int w, int h, int nx, int ny) {
            double dc = 0;
            double scale = 0;
            List<Double> ac = new ArrayList<>();
            double[] fx = new double[w];
            for (int cy = 0; cy < ny; cy++) {
                for (int cx = 0; cx * ny < nx * (ny - cy); cx++) {
                    double f = 0;
                    for (int x = 0; x < w; x++) {
                        fx[x] = Math.cos(Math.PI / w * cx * (x + 0.5));
                    }
                    for (int y = 0; y < h; y++) {
                        double fy = Math.cos(Math.PI / h * cy * (y + 0.5));
                        for (int x = 0; x < w; x++) {
                            f += channel[x + y * w] * fx[x] * fy;
                        }
                    }
                    f /= w * h;
                    if (cx > 0 || cy > 0) {
                        ac.add(f);
                        scale = Math.max(scale, Math.abs(f));
                    } else {
                        dc = f;
                    }
                }
            }
            double[] normalised = new double[ac.size()];
            for (int i = 0; i < normalised.length; i++) {
                normalised[i] = scale > 0 ? 0.5 + 0.5 / scale * ac.get(i) : ac.get(i);
            }
            return new Channel(dc, normalised, scale);
        }
    }
}
