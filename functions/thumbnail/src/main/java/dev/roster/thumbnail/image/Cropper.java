package dev.roster.thumbnail.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Makes every crop of {@link CropSpec}, the ThumbHash placeholder and the dominant colour from one decoded
 * photo. Thumbnailator does the filtering downscale (progressive bilinear for large factors), which is what
 * removes the aliasing that shrink-on-load's decimation leaves.
 */
public final class Cropper {
    private final JpegEncoder encoder;

    public Cropper(JpegEncoder encoder) {
        this.encoder = encoder;
    }

    /** One crop: its spec, its side in pixels, its JPEG, and its pixels (what other encodings start from). */
    public record Crop(CropSpec spec, int pixels, byte[] jpeg, BufferedImage image) {}

    /** Everything the pipeline stores for a photo, before it has keys and URLs. */
    public record Crops(List<Crop> crops, String placeholder, String colour, int sourceWidth, int sourceHeight) {}

    public Crops crop(PhotoDecoder.SourcePhoto photo) {
        BufferedImage square = photo.square();
        Map<CropSpec, BufferedImage> images = new EnumMap<>(CropSpec.class);
        List<CropSpec> largestFirst = new ArrayList<>(List.of(CropSpec.values()));
        largestFirst.sort(Comparator.comparingInt(CropSpec::targetPixels).reversed());
        for (CropSpec spec : largestFirst) {
            int pixels = spec.pixelsFor(square.getWidth());
            images.put(spec, resize(sourceFor(pixels, square, images.values()), pixels));
        }
        List<Crop> crops = new ArrayList<>();
        for (CropSpec spec : CropSpec.values()) {
            BufferedImage image = images.get(spec);
            crops.add(new Crop(spec, image.getWidth(), encoder.encode(image), image));
        }
        BufferedImage thumbnail = images.get(CropSpec.THUMB_1X);
        BufferedImage preview = resize(thumbnail, Math.min(thumbnail.getWidth(), ThumbHash.MAX_SIDE_PIXELS));
        String placeholder = Base64.getEncoder()
                .encodeToString(ThumbHash.encode(preview.getWidth(), preview.getHeight(), rgba(preview)));
        return new Crops(List.copyOf(crops), placeholder, DominantColour.of(preview), photo.width(), photo.height());
    }

    /**
     * The whole upright photo fitted into {@link CropSpec#PREVIEW_LONG_SIDE_PIXELS} (never enlarged), as a JPEG
     * made from pixels alone: no metadata of the upload survives.
     */
    public byte[] preview(BufferedImage whole) {
        int longSide = Math.max(whole.getWidth(), whole.getHeight());
        if (longSide <= CropSpec.PREVIEW_LONG_SIDE_PIXELS) {
            return encoder.encode(whole);
        }
        try {
            return encoder.encode(Thumbnails.of(whole)
                    .size(CropSpec.PREVIEW_LONG_SIDE_PIXELS, CropSpec.PREVIEW_LONG_SIDE_PIXELS)
                    .asBufferedImage());
        } catch (IOException e) {
            throw new UncheckedIOException("resizing in memory failed", e);
        }
    }

    /**
     * The smallest image already made that is at least twice the wanted size (else the square): a 100 px
     * thumbnail from the 200 px one rather than from a 2000 px square, same quality for a fraction of the work.
     */
    private static BufferedImage sourceFor(int pixels, BufferedImage square, Iterable<BufferedImage> made) {
        BufferedImage best = square;
        for (BufferedImage image : made) {
            if (image.getWidth() >= 2 * pixels && image.getWidth() < best.getWidth()) {
                best = image;
            }
        }
        return best;
    }

    private static BufferedImage resize(BufferedImage square, int pixels) {
        if (square.getWidth() == pixels) {
            return square;
        }
        try {
            return Thumbnails.of(square).forceSize(pixels, pixels).asBufferedImage();
        } catch (IOException e) {
            throw new UncheckedIOException("resizing in memory failed", e);
        }
    }

    private static byte[] rgba(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgba = new byte[argb.length * 4];
        for (int i = 0; i < argb.length; i++) {
            rgba[i * 4] = (byte) (argb[i] >> 16);
            rgba[i * 4 + 1] = (byte) (argb[i] >> 8);
            rgba[i * 4 + 2] = (byte) argb[i];
            rgba[i * 4 + 3] = (byte) (argb[i] >>> 24);
        }
        return rgba;
    }
}
