package dev.roster.thumbnail.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.profile.FocalPoint;
import dev.roster.thumbnail.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the crop window goes: the busiest square by default, the member's focal point when set. */
class CropWindowTest {
    private static final Color BACKGROUND = new Color(120, 140, 160);

    private final PhotoDecoder decoder = new PhotoDecoder(PhotoLimits.defaults());
    private final Cropper cropper = new Cropper(new JpegEncoder(JpegEncoder.DEFAULT_QUALITY));

    @Test
    void smartWindowKeepsAnOffCentreSubjectThatTheCentreCropCutsOff() throws Exception {
        Rectangle subject = new Rectangle(700, 160, 140, 180);
        byte[] photo = TestImages.png(subjectOn(900, 450, subject));

        PhotoDecoder.SourcePhoto smart = decoder.decode(photo, CropChoice.SMART);
        PhotoDecoder.SourcePhoto centre = decoder.decode(photo, CropChoice.CENTRE);

        assertTrue(contains(smart.window(), subject), "smart window " + smart.window() + " misses " + subject);
        assertFalse(contains(centre.window(), subject), "the centre crop must cut it off, or this test proves nothing");
        assertTrue(
                subjectPixels(smart.square()) > 0.9 * subject.width * subject.height * scale(smart),
                "the cut square shows the subject");
    }

    @Test
    void smartWindowKeepsAPortraitSubjectHighInTheFrame() throws Exception {
        Rectangle head = new Rectangle(140, 40, 160, 170);
        byte[] portrait = TestImages.jpeg(subjectOn(450, 1000, head));

        PhotoDecoder.SourcePhoto smart = decoder.decode(portrait, CropChoice.SMART);

        assertTrue(contains(smart.window(), head), "smart window " + smart.window() + " misses " + head);
        assertFalse(contains(CropWindow.centre(450, 1000), head), "the centre crop must cut it off");
    }

    @Test
    void featurelessPortraitIsCroppedFromTheUpperThird() throws Exception {
        PhotoDecoder.SourcePhoto smart = decoder.decode(TestImages.png(subjectOn(400, 1200, null)), CropChoice.SMART);
        // preferred centre 1200 / 3 = 400, so the 400 px window starts near 200, above the centre's 400
        assertEquals(0, smart.window().x());
        assertTrue(Math.abs(smart.window().y() - 200) <= 15, "window " + smart.window());
    }

    @Test
    void featurelessLandscapeIsCroppedInTheCentre() throws Exception {
        PhotoDecoder.SourcePhoto smart = decoder.decode(TestImages.png(subjectOn(1200, 400, null)), CropChoice.SMART);
        assertTrue(Math.abs(smart.window().x() - 400) <= 15, "window " + smart.window());
    }

    @Test
    void samePhotoGivesTheSameWindowAndTheSameCropBytes() throws Exception {
        byte[] photo = TestImages.jpeg(subjectOn(1600, 900, new Rectangle(1100, 200, 300, 400)));
        PhotoDecoder.SourcePhoto first = decoder.decode(photo, CropChoice.SMART);
        PhotoDecoder.SourcePhoto second = decoder.decode(photo.clone(), CropChoice.SMART);
        assertEquals(first.window(), second.window());
        Cropper.Crops a = cropper.crop(first);
        Cropper.Crops b = cropper.crop(second);
        for (int i = 0; i < a.crops().size(); i++) {
            assertArrayEquals(
                    a.crops().get(i).jpeg(),
                    b.crops().get(i).jpeg(),
                    a.crops().get(i).spec().name());
        }
    }

    @Test
    void focalPointAtTheEdgeClampsTheWindowInsideThePhoto() throws Exception {
        BufferedImage halves = halves(800, 400, TestImages.BLUE, TestImages.RED); // left blue, right red
        byte[] photo = TestImages.png(halves);

        PhotoDecoder.SourcePhoto right = decoder.decode(photo, new CropChoice.Focal(new FocalPoint(1, 0)));
        PhotoDecoder.SourcePhoto left = decoder.decode(photo, new CropChoice.Focal(new FocalPoint(0, 1)));

        assertEquals(new CropWindow(400, 0, 400), right.window());
        assertEquals(new CropWindow(0, 0, 400), left.window());
        assertUniform(right.square(), TestImages.RED);
        assertUniform(left.square(), TestImages.BLUE);
        assertEquals(new CropWindow(0, 600, 400), CropWindow.around(new FocalPoint(0.5, 1), 400, 1000));
        assertEquals(new CropWindow(0, 300, 400), CropWindow.around(new FocalPoint(0.9, 0.5), 400, 1000));
    }

    @Test
    void focalPointIsRelativeToTheUprightPhoto() throws Exception {
        // stored 800 × 400, left half blue; EXIF 6 turns it a quarter clockwise: upright 400 × 800, blue on top
        byte[] turned = TestImages.withExif(TestImages.jpeg(halves(800, 400, TestImages.BLUE, TestImages.RED)), 6);

        PhotoDecoder.SourcePhoto top = decoder.decode(turned, new CropChoice.Focal(new FocalPoint(0.5, 0)));
        PhotoDecoder.SourcePhoto bottom = decoder.decode(turned, new CropChoice.Focal(new FocalPoint(0.5, 1)));

        assertEquals(400, top.width());
        assertEquals(new CropWindow(0, 0, 400), top.window());
        assertEquals(new CropWindow(0, 400, 400), bottom.window());
        assertUniform(top.square(), TestImages.BLUE);
        assertUniform(bottom.square(), TestImages.RED);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void smartWindowFindsTheSubjectWhateverTheExifOrientation(int exif) throws Exception {
        Rectangle subject = new Rectangle(40, 60, 120, 120); // upright, in the left part of a 600 × 300 photo
        BufferedImage upright = subjectOn(600, 300, subject);
        BufferedImage stored = storedFor(upright, Orientation.fromExif(exif));
        PhotoDecoder.SourcePhoto smart =
                decoder.decode(TestImages.withExif(TestImages.jpeg(stored), exif), CropChoice.SMART);
        assertEquals(600, smart.width());
        assertTrue(contains(smart.window(), subject), "EXIF " + exif + ": window " + smart.window());
        assertTrue(subjectPixels(smart.square()) > 0.8 * 120 * 120, "EXIF " + exif + ": the square shows the subject");
    }

    @Test
    void cropModeComesFromConfiguration() {
        assertEquals(CropChoice.SMART, CropChoice.mode("smart"));
        assertEquals(CropChoice.CENTRE, CropChoice.mode(" Centre "));
        assertEquals(CropChoice.CENTRE, CropChoice.mode("center"));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> CropChoice.mode("faces"));
        assertTrue(wrong.getMessage().contains("use smart or centre"), wrong.getMessage());
    }

    /** A flat background with a noisy, saturated-green subject (texture is what edge energy sees). */
    static BufferedImage subjectOn(int width, int height, Rectangle subject) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.dispose();
        if (subject != null) {
            Random random = new Random(9);
            for (int y = subject.y; y < subject.y + subject.height; y++) {
                for (int x = subject.x; x < subject.x + subject.width; x++) {
                    int v = random.nextInt(120);
                    image.setRGB(x, y, new Color(v / 3, 135 + v, v / 3).getRGB());
                }
            }
        }
        return image;
    }

    private static BufferedImage halves(int width, int height, Color left, Color right) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(left);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(right);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    /** The stored pixels that, turned by {@code orientation}, look like {@code upright}. */
    private static BufferedImage storedFor(BufferedImage upright, Orientation orientation) {
        int sw = orientation.swapsAxes() ? upright.getHeight() : upright.getWidth();
        int sh = orientation.swapsAxes() ? upright.getWidth() : upright.getHeight();
        BufferedImage stored = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < upright.getHeight(); y++) {
            for (int x = 0; x < upright.getWidth(); x++) {
                int[] s = orientation.storedPixel(x, y, sw, sh);
                stored.setRGB(s[0], s[1], upright.getRGB(x, y));
            }
        }
        return stored;
    }

    private static boolean contains(CropWindow window, Rectangle subject) {
        return new Rectangle(window.x(), window.y(), window.side(), window.side()).contains(subject);
    }

    private static double scale(PhotoDecoder.SourcePhoto photo) {
        double f = photo.square().getWidth() / (double) photo.window().side();
        return f * f;
    }

    /** Pixels of the subject's green (the background is blue-grey). */
    private static long subjectPixels(BufferedImage image) {
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return Arrays.stream(rgb)
                .filter(p -> ((p >> 8) & 0xff) > 120 && ((p >> 16) & 0xff) < 90 && (p & 0xff) < 90)
                .count();
    }

    private static void assertUniform(BufferedImage square, Color expected) {
        for (int y = 2; y < square.getHeight(); y += 37) {
            for (int x = 2; x < square.getWidth(); x += 37) {
                int rgb = square.getRGB(x, y);
                assertTrue(TestImages.near(rgb, expected, 40), "(" + x + "," + y + ") is " + TestImages.describe(rgb));
            }
        }
    }
}
