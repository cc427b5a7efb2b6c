package dev.roster.thumbnail.image;

import static dev.roster.thumbnail.TestImages.near;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.thumbnail.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhotoDecoderTest {
    private final PhotoDecoder decoder = new PhotoDecoder(PhotoLimits.defaults());

    @Test
    void phonePhotoTurnedByExifComesOutUpright() throws Exception {
        // stored sideways (600×400 landscape) with orientation 6: seen upright it is 400×600, blue top-left
        byte[] sideways = TestImages.withExif(TestImages.jpeg(TestImages.quadrants(600, 400)), 6);
        PhotoDecoder.SourcePhoto photo = decoder.decode(sideways);
        assertEquals(400, photo.width());
        assertEquals(600, photo.height());
        assertColour(TestImages.BLUE, photo.square(), 20, 20);
        assertColour(TestImages.RED, photo.square(), 380, 20);
        assertColour(TestImages.YELLOW, photo.square(), 20, 380);
        assertColour(TestImages.GREEN, photo.square(), 380, 380);
    }

    @Test
    void pngAndWebpTurnedByExifComeOutUpright() throws Exception {
        byte[] png = TestImages.withPngExif(TestImages.png(TestImages.quadrants(300, 200)), 6);
        byte[] webp = TestImages.resource("quadrants-orientation6.webp");
        for (byte[] sideways : List.of(png, webp)) {
            PhotoDecoder.SourcePhoto photo = decoder.decode(sideways);
            assertEquals(200, photo.width(), photo.format().name());
            assertEquals(300, photo.height(), photo.format().name());
            assertColour(TestImages.BLUE, photo.square(), 20, 20);
            assertColour(TestImages.RED, photo.square(), 180, 20);
        }
    }

    @Test
    void transparentPngIsFlattenedOntoWhiteNotBlack() throws Exception {
        BufferedImage argb = new BufferedImage(200, 200, BufferedImage.TYPE_INT_ARGB); // all transparent black
        Graphics2D g = argb.createGraphics();
        g.setColor(TestImages.RED);
        g.fillRect(0, 0, 100, 200);
        g.dispose();
        BufferedImage square = decoder.decode(TestImages.png(argb)).square();
        assertColour(TestImages.RED, square, 50, 100);
        assertColour(Color.WHITE, square, 150, 100);
    }

    @Test
    void palettePngWithATransparentEntryIsFlattenedOntoWhite() throws Exception {
        byte[] reds = {(byte) 255, 0};
        byte[] zeros = {0, 0};
        IndexColorModel palette = new IndexColorModel(8, 2, reds, zeros, zeros, 1); // entry 1 transparent
        BufferedImage indexed = new BufferedImage(120, 120, BufferedImage.TYPE_BYTE_INDEXED, palette);
        byte[] pixels = new byte[120 * 120];
        Arrays.fill(pixels, 0, 60 * 120, (byte) 1); // top half transparent, bottom half red
        indexed.getRaster().setDataElements(0, 0, 120, 120, pixels);
        BufferedImage square = decoder.decode(TestImages.png(indexed)).square();
        assertColour(Color.WHITE, square, 60, 20);
        assertColour(TestImages.RED, square, 60, 100);
    }

    @Test
    void sixteenBitPngIsRead() throws Exception {
        BufferedImage grey16 = new BufferedImage(150, 150, BufferedImage.TYPE_USHORT_GRAY);
        short[] samples = new short[150 * 150];
        Arrays.fill(samples, (short) 0x8080);
        grey16.getRaster().setDataElements(0, 0, 150, 150, samples);
        BufferedImage square = decoder.decode(TestImages.png(grey16)).square();
        int level = square.getRGB(75, 75) & 0xFF;
        assertTrue(level > 100 && level < 200, "mid grey expected, was " + TestImages.describe(square.getRGB(75, 75)));
    }

    @Test
    void animatedGifGivesItsFirstFrame() throws Exception {
        PhotoDecoder.SourcePhoto photo =
                decoder.decode(TestImages.animatedGif(160, 120, TestImages.GREEN, TestImages.BLUE));
        assertEquals(ImageFormat.GIF, photo.format());
        assertColour(TestImages.GREEN, photo.square(), 60, 60);
    }

    @Test
    void webpLossyAndLosslessWithAlphaAreRead() throws Exception {
        PhotoDecoder.SourcePhoto lossy = decoder.decode(TestImages.resource("quadrants-lossy.webp"));
        assertEquals(300, lossy.width());
        assertEquals(200, lossy.height());
        assertColour(TestImages.RED, lossy.square(), 20, 20);
        assertColour(TestImages.YELLOW, lossy.square(), 180, 180);
        BufferedImage alpha = decoder.decode(TestImages.resource("quadrants-alpha-lossless.webp"))
                .square();
        assertColour(Color.WHITE, alpha, 100, 100); // the transparent centre
        assertColour(TestImages.GREEN, alpha, 180, 20);
    }

    @Test
    void cmykJpegIsReadInItsColours() throws Exception {
        BufferedImage square =
                decoder.decode(TestImages.resource("quadrants-cmyk.jpg")).square();
        assertColour(TestImages.RED, square, 20, 20, 60);
        assertColour(TestImages.BLUE, square, 20, 180, 60);
    }

    @Test
    void ycckJpegIsReadInItsColours() throws Exception {
        byte[] ycck = TestImages.ycckFromAdobeCmyk(TestImages.resource("quadrants-cmyk.jpg"));
        BufferedImage square = decoder.decode(ycck).square();
        assertColour(TestImages.RED, square, 20, 20, 60);
        assertColour(TestImages.BLUE, square, 20, 180, 60);
        assertColour(TestImages.YELLOW, square, 180, 180, 60);
    }

    @Test
    void twelveMonkeysReadsJpegAndWebp() {
        // this.decoder exists, so PhotoDecoder's class initialiser has registered the plugins
        for (String format : new String[] {"jpeg", "webp"}) {
            String reader = javax.imageio.ImageIO.getImageReadersByFormatName(format)
                    .next()
                    .getClass()
                    .getName();
            assertTrue(reader.startsWith("com.twelvemonkeys."), format + " is read by " + reader);
        }
    }

    @Test
    void progressiveJpegIsRead() throws Exception {
        BufferedImage square = decoder.decode(TestImages.progressiveJpeg(TestImages.quadrants(300, 300)))
                .square();
        assertColour(TestImages.GREEN, square, 250, 50);
    }

    @Test
    void largePhotoIsShrunkOnLoadButNeverBelowThreeTimesTheLargestCrop() throws Exception {
        PhotoDecoder.SourcePhoto photo = decoder.decode(TestImages.jpeg(TestImages.photoLike(4800, 3200)));
        assertEquals(4800, photo.width());
        assertEquals(3200, photo.height());
        assertEquals(1600, photo.square().getWidth(), "3200 px square subsampled by 2");
    }

    @Test
    void decompressionBombIsRefusedFromItsHeader() {
        UnusablePhotoException e = assertThrows(
                UnusablePhotoException.class, () -> decoder.decode(TestImages.pngHeaderOnly(48000, 48000)));
        assertEquals("photo is 48000×48000; the limit is 40 megapixels", e.reason());
    }

    @Test
    void stripLongerThanTheSideLimitIsRefused() {
        UnusablePhotoException e =
                assertThrows(UnusablePhotoException.class, () -> decoder.decode(TestImages.pngHeaderOnly(30000, 200)));
        assertEquals("photo is 30000×200; no side may be longer than 20000 pixels", e.reason());
    }

    @Test
    void photoSmallerThanTheThumbnailIsRefusedRatherThanUpscaled() {
        UnusablePhotoException e = assertThrows(
                UnusablePhotoException.class, () -> decoder.decode(TestImages.png(TestImages.quadrants(400, 80))));
        assertEquals("photo is 400×80; each side must be at least 100 pixels", e.reason());
    }

    @Test
    void truncatedJpegIsRefusedAsDamaged() {
        byte[] whole = TestImages.jpeg(TestImages.photoLike(800, 600));
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        UnusablePhotoException e = assertThrows(UnusablePhotoException.class, () -> decoder.decode(half));
        assertEquals(PhotoDecoder.DAMAGED, e.reason());
    }

    @Test
    void truncatedPngIsRefusedAsDamaged() {
        byte[] whole = TestImages.png(TestImages.photoLike(400, 300));
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        UnusablePhotoException e = assertThrows(UnusablePhotoException.class, () -> decoder.decode(half));
        assertEquals(PhotoDecoder.DAMAGED, e.reason());
    }

    @Test
    void unsupportedFormatsAreRefusedByName() {
        UnusablePhotoException heic = assertThrows(
                UnusablePhotoException.class,
                () -> decoder.decode(
                        "\0\0\0\u0018ftypheic\0\0\0\0mif1heic".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertEquals("HEIC files are not supported; please upload a JPEG, PNG, GIF or WebP", heic.reason());
        UnusablePhotoException text = assertThrows(
                UnusablePhotoException.class,
                () -> decoder.decode("just text".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals("the file is not a photo; please upload a JPEG, PNG, GIF or WebP", text.reason());
    }

    private static void assertColour(Color expected, BufferedImage image, int x, int y) {
        assertColour(expected, image, x, y, 40);
    }

    private static void assertColour(Color expected, BufferedImage image, int x, int y, int tolerance) {
        int rgb = image.getRGB(x, y);
        assertTrue(
                near(rgb, expected, tolerance),
                "at " + x + "," + y + ": expected " + TestImages.describe(expected.getRGB()) + ", was "
                        + TestImages.describe(rgb));
    }
}
