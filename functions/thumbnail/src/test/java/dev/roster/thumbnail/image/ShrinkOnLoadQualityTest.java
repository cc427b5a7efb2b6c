package dev.roster.thumbnail.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.thumbnail.TestImages;
import java.awt.image.BufferedImage;
import net.coobird.thumbnailator.Thumbnails;
import org.junit.jupiter.api.Test;

/**
 * Shrink-on-load keeps every n-th pixel (decimation), which aliases: thin lines turn dashed. The pipeline
 * only decimates to three times the largest crop and lets Thumbnailator filter the rest; this test compares
 * its 500 px crop with a filtered reference made from every source pixel (docs/performance.md, "Photo pipeline").
 * <p>
 * What no margin fixes: content made of 1 px lines (a random grid of them measured 12–14 dB at any
 * decimation step), since a kept line stays dark and a skipped one vanishes. Photos are not like that; the
 * cure would be DCT-domain scaling (libjpeg-turbo), which ImageIO does not offer.
 */
class ShrinkOnLoadQualityTest {
    private final PhotoDecoder decoder = new PhotoDecoder(PhotoLimits.defaults());

    /**
     * A 4000 px square is decimated by 2 (to 2000 px, over 3× the 500 px crop): 37.5 dB measured.
     * Decimating to 2× (by 4, to 1000 px) measured 32.1 dB on the same image: this test fails at that margin.
     */
    @Test
    void photoShrunkOnLoadMatchesTheFilteredReference() throws Exception {
        double psnr = psnrAgainstReference(TestImages.photoLike(4000, 4000));
        System.out.printf("photo-like 4000 px: PSNR %.1f dB against the filtered reference%n", psnr);
        assertTrue(psnr > 35, "PSNR " + psnr + " dB");
    }

    private double psnrAgainstReference(BufferedImage source) throws Exception {
        JpegEncoder encoder = new JpegEncoder(JpegEncoder.DEFAULT_QUALITY);
        byte[] png = TestImages.png(source);
        BufferedImage ours = TestImages.read(
                new Cropper(encoder).crop(decoder.decode(png)).crops().getLast().jpeg());
        // the same filter and the same JPEG encoding, from every source pixel: only decimation differs
        BufferedImage reference = TestImages.read(encoder.encode(Thumbnails.of(source)
                .forceSize(CropSpec.LARGEST_PIXELS, CropSpec.LARGEST_PIXELS)
                .asBufferedImage()));
        return TestImages.psnr(ours, reference);
    }
}
