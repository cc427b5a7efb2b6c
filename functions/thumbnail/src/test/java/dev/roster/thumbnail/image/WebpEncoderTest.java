package dev.roster.thumbnail.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.thumbnail.TestImages;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The crops' WebP twins: made by libvips from the crops' own pixels, holding nothing else, or not made at all. */
class WebpEncoderTest {
    static final double MIN_SSIM = 0.95;
    static final double MIN_PSNR_DB = 30;

    private final Cropper cropper = new Cropper(new JpegEncoder(JpegEncoder.DEFAULT_QUALITY));

    @Test
    void everyCropBecomesAWebpOfItsSizeWithNothingButThePicture() throws Exception {
        WebpEncoder encoder = WebpEncoder.of(new Libvips.Availability.Loaded(NativeLibrary.required()));
        assertTrue(encoder.unavailable().isEmpty(), () -> encoder.unavailable().orElseThrow());
        Cropper.Crops crops = cropper.crop(new PhotoDecoder(PhotoLimits.defaults())
                .decode(TestImages.withExif(TestImages.jpeg(TestImages.naturalLike(1600, 1200, 1)), 6)));

        var twins = assertInstanceOf(WebpEncoder.Twins.Encoded.class, encoder.encode(crops.crops()));

        assertEquals(4, twins.webp().size());
        for (Cropper.Crop crop : crops.crops()) {
            byte[] webp = twins.webp().get(crop.spec());
            assertEquals(
                    List.of("VP8 "), chunks(webp), crop.spec() + ": a simple lossy WebP, no EXIF, XMP or ICC chunk");
            BufferedImage decoded = WebpBench.readWebp(webp);
            assertEquals(crop.pixels(), decoded.getWidth());
            assertEquals(crop.pixels(), decoded.getHeight());
            double psnr = WebpEncoder.psnr(crop.image(), decoded);
            assertTrue(psnr > MIN_PSNR_DB, crop.spec() + ": " + psnr + " dB against the crop's pixels");
        }
    }

    /**
     * Every WebP stays close to the pixels it was made from. The quality was chosen against the JPEGs on
     * photographs (bench/webp; the repository ships none); on synthetic images the two encoders rank
     * differently, so this guards the floor (a quality set far too low fails it), not the comparison.
     */
    @Test
    void everyWebpStaysCloseToItsCropsPixels() throws Exception {
        WebpEncoder encoder = WebpEncoder.of(new Libvips.Availability.Loaded(NativeLibrary.required()));
        for (BufferedImage photo :
                List.of(TestImages.naturalLike(1200, 900, 2), TestImages.naturalLike(700, 1000, 3))) {
            Cropper.Crops crops = cropper.crop(new PhotoDecoder(PhotoLimits.defaults()).decode(TestImages.png(photo)));
            var twins = assertInstanceOf(WebpEncoder.Twins.Encoded.class, encoder.encode(crops.crops()));
            for (Cropper.Crop crop : crops.crops()) {
                BufferedImage webp = WebpBench.readWebp(twins.webp().get(crop.spec()));
                double ssim = WebpBench.ssim(crop.image(), webp);
                double psnr = WebpEncoder.psnr(crop.image(), webp);
                System.out.printf(
                        "%s of %dx%d: WebP SSIM %.4f, PSNR %.1f dB, %d bytes (JPEG %d)%n",
                        crop.spec(),
                        photo.getWidth(),
                        photo.getHeight(),
                        ssim,
                        psnr,
                        twins.webp().get(crop.spec()).length,
                        crop.jpeg().length);
                assertTrue(
                        ssim >= MIN_SSIM && psnr >= MIN_PSNR_DB,
                        crop.spec() + ": SSIM " + ssim + ", PSNR " + psnr + " dB");
            }
        }
    }

    @Test
    void oneCropThatFailsLeavesThePhotoJpegOnlyAndSaysWhich() throws Exception {
        Cropper.Crops crops = cropper.crop(
                new PhotoDecoder(PhotoLimits.defaults()).decode(TestImages.jpeg(TestImages.photoLike(800, 600))));
        List<Integer> asked = new ArrayList<>();
        WebpEncoder failing = WebpEncoder.using(rgb -> {
            asked.add(rgb.width());
            if (rgb.width() == 250) {
                throw new Libvips.Refused("VipsForeignSaveWebp: picture encoding failed");
            }
            return new byte[] {1};
        });

        var failed = assertInstanceOf(WebpEncoder.Twins.Failed.class, failing.encode(crops.crops()));

        assertTrue(
                failed.reason().contains("DETAIL_1X (250 px): VipsForeignSaveWebp: picture encoding failed"),
                failed.reason());
        assertTrue(asked.contains(250));
    }

    @Test
    void withoutLibvipsThereIsNoWebpAndTheReasonSaysWhy() {
        WebpEncoder none = WebpEncoder.of(new Libvips.Availability.Unavailable("no libvips-cpp.so.8.18.7 in /opt/lib"));
        assertEquals(
                "no libvips: no libvips-cpp.so.8.18.7 in /opt/lib",
                none.unavailable().orElseThrow());
        assertInstanceOf(WebpEncoder.Twins.Unavailable.class, none.encode(List.of()));
    }

    @Test
    void theInitCheckRefusesAnEncoderWhoseWebpDoesNotReadBack() {
        Libvips libvips = NativeLibrary.required();
        assertNull(WebpEncoder.verify(rgb -> libvips.encodeWebp(rgb, WebpEncoder.SETTINGS)));
        assertNotNull(WebpEncoder.verify(rgb -> "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)));
        // a real WebP of the wrong picture: grey where the check drew colours
        byte[] grey = new byte[96 * 64 * 3];
        java.util.Arrays.fill(grey, (byte) 128);
        String wrongPicture = WebpEncoder.verify(
                rgb -> libvips.encodeWebp(new Libvips.Pixels(96, 64, 3, grey), WebpEncoder.SETTINGS));
        assertTrue(wrongPicture != null && wrongPicture.contains("dB PSNR"), wrongPicture);
    }

    /** The RIFF chunk types of a WebP file, in order. */
    private static List<String> chunks(byte[] webp) {
        assertEquals("RIFF", new String(webp, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WEBP", new String(webp, 8, 4, StandardCharsets.US_ASCII));
        ByteBuffer in = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(webp.length - 8, in.getInt(4), "RIFF size");
        List<String> types = new ArrayList<>();
        int at = 12;
        while (at + 8 <= webp.length) {
            types.add(new String(webp, at, 4, StandardCharsets.US_ASCII));
            int size = in.getInt(at + 4);
            at += 8 + size + (size & 1);
        }
        return types;
    }
}
