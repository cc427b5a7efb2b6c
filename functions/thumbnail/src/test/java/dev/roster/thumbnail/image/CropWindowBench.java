package dev.roster.thumbnail.image;

import dev.roster.thumbnail.TestImages;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Not a test: what the smart window costs on top of the decode, measured on a decoded photo of the size
 * shrink-on-load leaves (e.g. 2250 × 1500 for a 6000 × 4000 photo). Prints median milliseconds of
 * (a) sampling the luminance grid from the decoded image, (b) the window search on that grid. Run e.g.
 * <pre>
 *   java -cp "target/classes:target/test-classes:$(cat cp.txt)" dev.roster.thumbnail.image.CropWindowBench 2250 1500 200
 * </pre>
 */
public final class CropWindowBench {
    private CropWindowBench() {
    }

    public static void main(String[] args) {
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
        System.out.printf("decoded %dx%d, grid %dx%d: sample grid median %.3f ms (p90 %.3f), search median %.3f ms (p90 %.3f) [%s]%n",
                width, height, grid.width(), grid.height(), sample[runs / 2], sample[runs * 9 / 10],
                search[runs / 2], search[runs * 9 / 10], sink > -1 ? "ok" : "");
    }
}
