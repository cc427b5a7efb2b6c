package dev.roster.thumbnail.image;

import dev.roster.thumbnail.TestImages;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Not a test: what the smart window costs on top of the decode, measured on a decoded photo of the size
 * shrink-on-load leaves (e.g. 2250 × 1500 for a 6000 × 4000 photo). Prints median milliseconds of
 * (a) sampling the luminance grid from the decoded image, (b) the window search on that grid. With
 * {@code decode} first, times the whole decode of a photo-like JPEG of that size with the smart window
 * (whole photo decoded) against the centre window (only the square decoded). Run e.g.
 * <pre>
 *   java -cp "target/classes:target/test-classes:$(cat cp.txt)" dev.roster.thumbnail.image.CropWindowBench 2250 1500 200
 *   java -Xmx1g -cp … dev.roster.thumbnail.image.CropWindowBench decode 6000 4000 10
 * </pre>
 */
public final class CropWindowBench {
    private CropWindowBench() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("decode")) {
            decode(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int width = Integer.parseInt(args[0]);
        int height = Integer.parseInt(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        BufferedImage decoded = TestImages.photoLike(width, height);
        double[] sample = new double[runs];
        double[] search = new double[runs];
        double sink = 0;
        for (int warm = 0; warm < 2; warm++) { // the first pass warms the JIT; the second is measured
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                SalientRegion.Grid grid = SalientRegion.Grid.of(decoded).upright(Orientation.ROTATE_90_CW);
                long t1 = System.nanoTime();
                sink += SalientRegion.bestStart(grid);
                long t2 = System.nanoTime();
                sample[i] = (t1 - t0) / 1e6;
                search[i] = (t2 - t1) / 1e6;
            }
        }
        Arrays.sort(sample);
        Arrays.sort(search);
        SalientRegion.Grid grid = SalientRegion.Grid.of(decoded);
        System.out.printf(
                "decoded %dx%d, grid %dx%d: sample grid median %.3f ms (p90 %.3f), search median %.3f ms (p90 %.3f) [%s]%n",
                width,
                height,
                grid.width(),
                grid.height(),
                sample[runs / 2],
                sample[runs * 9 / 10],
                search[runs / 2],
                search[runs * 9 / 10],
                sink > -1 ? "ok" : "");
    }

    private static void decode(int width, int height, int runs) throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(width, height));
        PhotoDecoder decoder = new PhotoDecoder(PhotoLimits.defaults());
        for (CropChoice choice :
                new CropChoice[] {CropChoice.CENTRE, CropChoice.SMART, CropChoice.CENTRE, CropChoice.SMART}) {
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                decoder.decode(jpeg, choice);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(
                    "decode %dx%d JPEG, %s window: median %.1f ms%n",
                    width, height, choice.getClass().getSimpleName(), ms[runs / 2]);
        }
    }
}
