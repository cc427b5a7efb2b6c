package dev.roster.thumbnail.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.roster.thumbnail.TestImages;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

    @Test
    void acceptedFormatsAreRecognisedByTheirBytes() {
        assertEquals(ImageFormat.JPEG, ImageFormat.sniff(TestImages.jpeg(TestImages.quadrants(10, 10))));
        assertEquals(ImageFormat.PNG, ImageFormat.sniff(TestImages.png(TestImages.quadrants(10, 10))));
        assertEquals(ImageFormat.GIF, ImageFormat.sniff(TestImages.animatedGif(10, 10, TestImages.RED)));
        assertEquals(ImageFormat.WEBP, ImageFormat.sniff(TestImages.resource("quadrants-lossy.webp")));
    }

    @Test
    void otherImageFormatsAreNamedButNotAccepted() {
        assertEquals(ImageFormat.HEIC, ImageFormat.sniff(ascii("\0\0\0\u0018ftypheic\0\0\0\0mif1heic")));
        assertEquals(ImageFormat.AVIF, ImageFormat.sniff(ascii("\0\0\0\u001cftypavif\0\0\0\0avifmif1")));
        assertEquals(
                ImageFormat.SVG,
                ImageFormat.sniff(ascii("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>")));
        assertEquals(ImageFormat.TIFF, ImageFormat.sniff(ascii("II*\0\u0008\0\0\0")));
        assertEquals(ImageFormat.BMP, ImageFormat.sniff(TestImages.write(TestImages.quadrants(10, 10), "bmp")));
        assertEquals(ImageFormat.PDF, ImageFormat.sniff(ascii("%PDF-1.7\n")));
        for (ImageFormat format :
                new ImageFormat[] {ImageFormat.HEIC, ImageFormat.AVIF, ImageFormat.SVG, ImageFormat.TIFF}) {
            assertFalse(format.accepted(), format.name());
        }
    }

    @Test
    void theKeyOrContentTypeCannotMakeTextAnImage() {
        assertEquals(ImageFormat.UNKNOWN, ImageFormat.sniff(ascii("hello, I am photo.jpg")));
        assertEquals(ImageFormat.UNKNOWN, ImageFormat.sniff(new byte[0]));
        assertEquals(ImageFormat.UNKNOWN, ImageFormat.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8}));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
