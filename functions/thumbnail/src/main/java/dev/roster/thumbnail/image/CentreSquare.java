package dev.roster.thumbnail.image;

/** The largest square centred in a {@code width × height} image: what every crop is cut from. */
public record CentreSquare(int x, int y, int side) {

    public static CentreSquare of(int width, int height) {
        int side = Math.min(width, height);
        return new CentreSquare((width - side) / 2, (height - side) / 2, side);
    }

    /**
     * The shrink-on-load step: keep every n-th pixel while decoding, as long as the square still has at least
     * {@code minimumSide} pixels. Subsampling is decimation (it aliases), so it only removes what the
     * filtering downscale that follows would have averaged away anyway.
     */
    public int subsamplingFor(int minimumSide) {
        return Math.max(1, side / minimumSide);
    }
}
