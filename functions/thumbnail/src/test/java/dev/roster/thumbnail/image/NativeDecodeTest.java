package dev.roster.thumbnail.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.thumbnail.HostileFiles;
import dev.roster.thumbnail.TestImages;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libvips's shrink-on-load decode and JPEG encoding against today's ImageIO path, crop by crop: the same window
 * and size, the same colours within JPEG noise, about the same bytes. Files libvips must not take (not plain, damaged, not JPEG) go the
 * ImageIO way and come out as before.
 */
class NativeDecodeTest {
    /** Both paths' crops of the same photo: their mean colours may differ by this much per channel (0–255). */
    static final double MAX_MEAN_COLOUR_DIFFERENCE = 1.5;
    /** ... and their pixels by this little (PSNR); ImageIO decimates where libvips filters, so not identical. */
    static final double MIN_PSNR_DB = 30;
    /** ... and libvips's JPEG of a crop may be this much larger or smaller than the JDK writer's. */
    static final double MAX_SIZE_RATIO = 1.1;

    private static PhotoDecoder nativeDecoder;
    private static Cropper nativeCropper;
    private final PhotoDecoder imageIo = new PhotoDecoder(PhotoLimits.defaults());
    private final Cropper cropper = new Cropper(new JpegEncoder(JpegEncoder.DEFAULT_QUALITY));

    @BeforeAll
    static void loadLibvips() {
        var libvips = new Libvips.Availability.Loaded(NativeLibrary.required());
        nativeDecoder = new PhotoDecoder(PhotoLimits.defaults(), libvips);
        JpegEncoder encoder = JpegEncoder.of(JpegEncoder.DEFAULT_QUALITY, libvips);
        assertEquals(Optional.empty(), encoder.imageIoOnly(), "libvips encodes the crops");
        nativeCropper = new Cropper(encoder);
    }

    static Stream<Arguments> corpus() {
        BufferedImage photo = TestImages.photoLike(4000, 3000);
        BufferedImage grey = new BufferedImage(4000, 3000, BufferedImage.TYPE_BYTE_GRAY);
        grey.createGraphics().drawImage(photo, 0, 0, null);
        return Stream.of(
                Arguments.of("photo-like 4000×3000 (1/2)", TestImages.jpeg(photo), CropChoice.SMART),
                Arguments.of("photo-like 4000×3000, centre", TestImages.jpeg(photo), CropChoice.CENTRE),
                Arguments.of(
                        "photo-like 1200×1800 (full size)",
                        TestImages.jpeg(TestImages.photoLike(1200, 1800)),
                        CropChoice.SMART),
                Arguments.of(
                        "photo-like 8000×1600 panorama",
                        TestImages.jpeg(TestImages.photoLike(8000, 1600)),
                        CropChoice.SMART),
                Arguments.of(
                        "quadrants 6200×6200 (1/4), EXIF 6",
                        TestImages.withExif(TestImages.jpeg(TestImages.quadrants(6200, 6200)), 6),
                        CropChoice.CENTRE),
                Arguments.of(
                        "quadrants 3000×4000, EXIF 6",
                        TestImages.withExif(TestImages.jpeg(TestImages.quadrants(3000, 4000)), 6),
                        CropChoice.SMART),
                Arguments.of("progressive 4000×3000", TestImages.progressiveJpeg(photo), CropChoice.SMART),
                Arguments.of("grey 4000×3000 (1/2)", TestImages.jpeg(grey), CropChoice.SMART));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void plainJpegsAreDecodedByLibvipsToTheSameCropsAsImageIo(String name, byte[] jpeg, CropChoice choice)
            throws Exception {
        PhotoDecoder.SourcePhoto fast = nativeDecoder.decode(jpeg, choice);
        PhotoDecoder.SourcePhoto today = imageIo.decode(jpeg, choice);
        assertEquals(PhotoDecoder.Decoder.LIBVIPS, fast.decodedBy());
        assertEquals(PhotoDecoder.Decoder.IMAGEIO, today.decodedBy());
        assertEquals(
                List.of(today.width(), today.height(), today.window()),
                List.of(fast.width(), fast.height(), fast.window()));
        List<Cropper.Crop> fastCrops = nativeCropper.crop(fast).crops();
        List<Cropper.Crop> todayCrops = cropper.crop(today).crops();
        for (int i = 0; i < fastCrops.size(); i++) {
            BufferedImage a = TestImages.read(fastCrops.get(i).jpeg());
            BufferedImage b = TestImages.read(todayCrops.get(i).jpeg());
            assertEquals(b.getWidth(), a.getWidth());
            double colour = meanColourDifference(a, b);
            double psnr = TestImages.psnr(a, b);
            double sizeRatio =
                    fastCrops.get(i).jpeg().length / (double) todayCrops.get(i).jpeg().length;
            System.out.printf(
                    "%-40s %-10s mean colour difference %.2f, PSNR %.1f dB, bytes ×%.3f%n",
                    name, fastCrops.get(i).spec(), colour, psnr, sizeRatio);
            assertTrue(
                    colour <= MAX_MEAN_COLOUR_DIFFERENCE,
                    fastCrops.get(i).spec() + ": mean colour differs by " + colour);
            assertTrue(psnr >= MIN_PSNR_DB, fastCrops.get(i).spec() + ": PSNR " + psnr + " dB");
            assertTrue(
                    sizeRatio <= MAX_SIZE_RATIO && sizeRatio >= 1 / MAX_SIZE_RATIO,
                    fastCrops.get(i).spec() + ": " + sizeRatio + " times the JDK writer's bytes");
        }
    }

    @Test
    void aJpegLibvipsRefusesTakesTheImageIoPathAndIsRejectedWithItsReason() {
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(2000, 1500));
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 2 / 3);
        var rejected = assertThrows(UnusablePhotoException.class, () -> nativeDecoder.decode(cut));
        assertEquals(HostileFiles.DAMAGED, rejected.reason());
    }

    @Test
    void aJpegOverTheLimitsIsRefusedWithTheSizeBeforeLibvipsSeesIt() {
        var rejected = assertThrows(
                UnusablePhotoException.class, () -> nativeDecoder.decode(HostileFiles.jpegHeaderOnly(10_000, 10_000)));
        assertTrue(rejected.reason().startsWith("photo is 10000×10000"), rejected.reason());
    }

    @Test
    void jpegsThatAreNotPlainAndOtherFormatsTakeTheImageIoPath() throws Exception {
        byte[] cmyk = TestImages.resource("quadrants-cmyk.jpg");
        assertEquals(PhotoDecoder.Decoder.IMAGEIO, nativeDecoder.decode(cmyk).decodedBy());
        byte[] png = TestImages.png(TestImages.quadrants(640, 480));
        assertEquals(PhotoDecoder.Decoder.IMAGEIO, nativeDecoder.decode(png).decodedBy());
    }

    private static double meanColourDifference(BufferedImage a, BufferedImage b) {
        double worst = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            worst = Math.max(worst, Math.abs(mean(a, shift) - mean(b, shift)));
        }
        return worst;
    }

    private static double mean(BufferedImage image, int shift) {
        long sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                sum += image.getRGB(x, y) >> shift & 0xFF;
            }
        }
        return sum / (double) (image.getWidth() * image.getHeight());
    }
}
