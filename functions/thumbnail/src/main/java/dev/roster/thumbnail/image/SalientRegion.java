package dev.roster.thumbnail.image;

import java.awt.image.BufferedImage;

/**
 * The smart default crop: without a face detector, the square that holds the most detail. The photo is
 * reduced to a luminance grid {@value #GRID_SHORT_SIDE_CELLS} cells on its short side; each cell's edge
 * energy is the difference to its right and lower neighbours; the square slides along the long side and
 * the one with the largest share of the energy wins, less a small penalty for its distance from where
 * subjects usually are (the middle of a landscape, the upper third of a portrait). That penalty also
 * decides a featureless photo. Plain arithmetic on a few thousand cells with a fixed tie-break, so the
 * same photo always gives the same window.
 */
public final class SalientRegion {
    /** Cells on the grid's short side: a 3:2 photo is searched on 72 × 48. */
    public static final int GRID_SHORT_SIDE_CELLS = 48;
    /** Samples per cell along each axis (averaged, so fine noise does not outweigh real edges). */
    static final int SAMPLES_PER_CELL_SIDE = 3;
    /** How much a window loses per unit of distance (in long-side lengths) from the preferred position. */
    static final double POSITION_PENALTY = 0.25;
    /** Where a portrait's window is preferred to centre: a third of the way down, where faces tend to be. */
    static final double PORTRAIT_PREFERRED_CENTRE = 1.0 / 3;

    private SalientRegion() {}

    /**
     * The window for a photo decoded in its stored orientation (possibly subsampled: only proportions
     * matter), as upright source pixels of a {@code uprightWidth × uprightHeight} photo.
     */
    public static CropWindow find(BufferedImage stored, Orientation orientation, int uprightWidth, int uprightHeight) {
        Grid grid = Grid.of(stored).upright(orientation);
        double start = bestStart(grid);
        int longSide = Math.max(uprightWidth, uprightHeight);
        return CropWindow.at(Math.round(start * longSide), uprightWidth, uprightHeight);
    }

    /** A luminance grid, row by row. */
    public record Grid(float[] luminance, int width, int height) {

        /** Averages {@value #SAMPLES_PER_CELL_SIDE}² evenly spread samples per cell. */
        public static Grid of(BufferedImage image) {
            int w = image.getWidth();
            int h = image.getHeight();
            double cell = Math.max(1.0, Math.min(w, h) / (double) GRID_SHORT_SIDE_CELLS);
            int gw = Math.max(1, (int) Math.round(w / cell));
            int gh = Math.max(1, (int) Math.round(h / cell));
            double cellW = w / (double) gw;
            double cellH = h / (double) gh;
            float[] lum = new float[gw * gh];
            int n = SAMPLES_PER_CELL_SIDE;
            for (int gy = 0; gy < gh; gy++) {
                for (int gx = 0; gx < gw; gx++) {
                    float sum = 0;
                    for (int sy = 0; sy < n; sy++) {
                        int y = Math.min(h - 1, (int) ((gy + (sy + 0.5) / n) * cellH));
                        for (int sx = 0; sx < n; sx++) {
                            int x = Math.min(w - 1, (int) ((gx + (sx + 0.5) / n) * cellW));
                            int rgb = image.getRGB(x, y);
                            sum += 0.299f * ((rgb >> 16) & 0xff) + 0.587f * ((rgb >> 8) & 0xff) + 0.114f * (rgb & 0xff);
                        }
                    }
                    lum[gy * gw + gx] = sum / (n * n);
                }
            }
            return new Grid(lum, gw, gh);
        }

        public Grid upright(Orientation orientation) {
            if (orientation == Orientation.NORMAL) {
                return this;
            }
            int uw = orientation.swapsAxes() ? height : width;
            int uh = orientation.swapsAxes() ? width : height;
            float[] turned = new float[luminance.length];
            for (int y = 0; y < uh; y++) {
                for (int x = 0; x < uw; x++) {
                    int[] s = orientation.storedPixel(x, y, width, height);
                    turned[y * uw + x] = luminance[s[1] * width + s[0]];
                }
            }
            return new Grid(turned, uw, uh);
        }
    }

    /**
     * Where the best square starts along the grid's long side, as a fraction of that side (0 for a square
     * grid). Public for the benchmark: this is the search proper.
     */
    public static double bestStart(Grid grid) {
        int w = grid.width();
        int h = grid.height();
        boolean portrait = h > w;
        int length = Math.max(w, h);
        int side = Math.min(w, h);
        if (length == side) {
            return 0;
        }
        // energy per line across the long side (a column of a landscape, a row of a portrait)
        double[] line = new double[length];
        float[] lum = grid.luminance();
        double total = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float here = lum[y * w + x];
                double e = (x + 1 < w ? Math.abs(lum[y * w + x + 1] - here) : 0)
                        + (y + 1 < h ? Math.abs(lum[(y + 1) * w + x] - here) : 0);
                line[portrait ? y : x] += e;
                total += e;
            }
        }
        double preferredCentre = (portrait ? PORTRAIT_PREFERRED_CENTRE : 0.5) * length;
        double windowEnergy = 0;
        for (int i = 0; i < side; i++) {
            windowEnergy += line[i];
        }
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int start = 0; start + side <= length; start++) {
            if (start > 0) {
                windowEnergy += line[start + side - 1] - line[start - 1];
            }
            double share = total > 0 ? windowEnergy / total : 0;
            double distance = Math.abs(start + side / 2.0 - preferredCentre) / length;
            double score = share - POSITION_PENALTY * distance;
            if (score > bestScore + 1e-9) { // the first of equals wins: stable across runs
                bestScore = score;
                best = start;
            }
        }
        return best / (double) length;
    }
}
