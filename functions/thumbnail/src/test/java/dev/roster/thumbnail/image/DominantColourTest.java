package dev.roster.thumbnail.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.thumbnail.TestImages;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class DominantColourTest {

    @Test
    void theLargestAreaWinsRatherThanTheAverage() {
        BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                image.setRGB(x, y, y < 7 ? 0xC81E1E : 0x1E1EC8); // 70 % red, 30 % blue
            }
        }
        assertEquals("#c81e1e", DominantColour.of(image));
    }

    @Test
    void flatQuadrantsGiveOneOfTheirColoursExactly() {
        String colour = DominantColour.of(TestImages.quadrants(10, 10));
        assertEquals("#ff0000", colour, "ties go to the first colour seen (top-left)");
    }
}
