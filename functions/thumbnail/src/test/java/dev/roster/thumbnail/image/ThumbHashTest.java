package dev.roster.thumbnail.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The expected hashes come from the reference implementation, npm {@code thumbhash} 0.1.1 (Evan Wallace's
 * {@code rgbaToThumbHash}), fed the same pixels:
 * <pre>
 *   npm install thumbhash@0.1.1
 *   node -e "const {rgbaToThumbHash}=require('thumbhash'); ...same formulas as below...;
 *            console.log(Buffer.from(rgbaToThumbHash(w, h, rgba)).toString('base64'))"
 * </pre>
 * Together they exercise the landscape and portrait headers, the alpha path (5×5 alpha terms, fewer
 * luminance terms) and a degenerate 1×1 image.
 */
class ThumbHashTest {

    @Test
    void opaqueLandscapeGradientMatchesTheReferenceEncoder() {
        assertEquals("HwgKLZpwdndwd3d3d2d3d5CACfh3", hash(100, 75, (x, y) ->
                new int[] {x * 255 / 99, y * 255 / 74, (x * y) % 256, 255}));
    }

    @Test
    void portraitWithAlphaMatchesTheReferenceEncoder() {
        assertEquals("ZXmFSxAbkIB3d3iEfwh5h3B3iIiIiHg=", hash(40, 60, (x, y) ->
                new int[] {(x * 6) % 256, 200, (y * 4) % 256, (x + y) % 2 == 0 ? 255 : (x * 6) % 256}));
    }

    @Test
    void singlePixelMatchesTheReferenceEncoder() {
        assertEquals("yNYRRwoI9wiIh4hwj3CI+AiIcH/494cP", hash(1, 1, (x, y) -> new int[] {12, 34, 56, 255}));
    }

    @Test
    void quadrantsMatchTheReferenceEncoder() {
        assertEquals(
                "2gkKpyiAiobAZ4d3iKiGeIiGB7iMf8gI",
                hash(
                        100,
                        100,
                        (x, y) -> x < 50
                                ? (y < 50 ? new int[] {255, 0, 0, 255} : new int[] {0, 0, 255, 255})
                                : (y < 50 ? new int[] {0, 255, 0, 255} : new int[] {255, 255, 0, 255})));
    }

    @Test
    void refusesImagesLargerThanTheReferenceAccepts() {
        assertThrows(IllegalArgumentException.class, () -> ThumbHash.encode(101, 10, new byte[101 * 10 * 4]));
    }

    private static String hash(int w, int h, BiFunction<Integer, Integer, int[]> pixel) {
        byte[] rgba = new byte[w * h * 4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] p = pixel.apply(x, y);
                for (int c = 0; c < 4; c++) {
                    rgba[(y * w + x) * 4 + c] = (byte) p[c];
                }
            }
        }
        return Base64.getEncoder().encodeToString(ThumbHash.encode(w, h, rgba));
    }
}
