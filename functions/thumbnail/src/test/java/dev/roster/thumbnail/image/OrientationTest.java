package dev.roster.thumbnail.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.thumbnail.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrientationTest {

    /**
     * Stored: red top-left, green top-right, blue bottom-left, yellow bottom-right. Expected: the colour seen
     * at the top-left and top-right once upright, per the EXIF definitions (e.g. 6: turn 90° clockwise, so
     * the stored left column becomes the top row, bottom-left first).
     */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
        "1, RED, GREEN", "2, GREEN, RED", "3, YELLOW, BLUE", "4, BLUE, YELLOW",
        "5, RED, BLUE", "6, BLUE, RED", "7, YELLOW, GREEN", "8, GREEN, YELLOW"
    })
    void uprightCornersFollowTheExifDefinition(int exif, String topLeft, String topRight) {
        BufferedImage upright = Orientation.fromExif(exif).applyToSquare(TestImages.quadrants(40, 40));
        assertEquals(colour(topLeft).getRGB(), upright.getRGB(5, 5), "top-left");
        assertEquals(colour(topRight).getRGB(), upright.getRGB(34, 5), "top-right");
    }

    @Test
    void readsTheOrientationTagFromBothByteOrdersAndIgnoresGarbage() {
        byte[] plain = TestImages.jpeg(TestImages.quadrants(20, 20));
        assertEquals(Orientation.NORMAL, ExifOrientation.ofJpeg(plain));
        assertEquals(Orientation.ROTATE_90_CW, ExifOrientation.ofJpeg(TestImages.withExif(plain, 6)));
        assertEquals(Orientation.ROTATE_90_CCW, ExifOrientation.ofJpeg(TestImages.withExif(plain, 8)));

        byte[] little = TestImages.withExif(plain, 3);
        // rewrite the TIFF header and the entry to little-endian by hand: II, 42, offset 8, 1 entry
        byte[] le = {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0};
        System.arraycopy(le, 0, little, 2 + 2 + 2 + 6, le.length);
        assertEquals(Orientation.ROTATE_180, ExifOrientation.ofJpeg(little));

        byte[] broken = TestImages.withExif(plain, 6);
        broken[2 + 2 + 2 + 6] = 'X'; // no byte order mark
        assertEquals(Orientation.NORMAL, ExifOrientation.ofJpeg(broken));
        assertEquals(
                Orientation.NORMAL,
                ExifOrientation.ofJpeg(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0x7F}));
        assertTrue(Orientation.fromExif(6).swapsAxes());
        assertEquals(Orientation.NORMAL, Orientation.fromExif(9));
    }

    private static Color colour(String name) {
        return switch (name) {
            case "RED" -> TestImages.RED;
            case "GREEN" -> TestImages.GREEN;
            case "BLUE" -> TestImages.BLUE;
            default -> TestImages.YELLOW;
        };
    }
}
