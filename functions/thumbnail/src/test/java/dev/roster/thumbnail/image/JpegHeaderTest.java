package dev.roster.thumbnail.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.thumbnail.TestImages;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

/** Which reader a JPEG goes to, and that the fast one gives the same pixels. */
class JpegHeaderTest {
    private static final String JDK_READER = "com.sun.imageio.plugins.jpeg.JPEGImageReader";

    @Test
    void cameraJpegIsPlainAndGoesToTheJdkReader() throws Exception {
        byte[] photo = TestImages.withExif(TestImages.jpeg(TestImages.photoLike(300, 200)), 6);
        JpegHeader header = JpegHeader.read(photo).orElseThrow();
        assertEquals(3, header.components());
        assertTrue(header.plain());
        assertEquals(
                JDK_READER,
                PhotoDecoder.readerFor(ImageFormat.JPEG, photo).getClass().getName());
    }

    @Test
    void greyJpegIsPlain() {
        BufferedImage grey = new BufferedImage(200, 200, BufferedImage.TYPE_BYTE_GRAY);
        JpegHeader header = JpegHeader.read(TestImages.jpeg(grey)).orElseThrow();
        assertEquals(1, header.components());
        assertTrue(header.plain());
    }

    @Test
    void cmykAndProfiledJpegsGoToTwelveMonkeys() throws Exception {
        byte[] cmyk = TestImages.resource("quadrants-cmyk.jpg");
        JpegHeader header = JpegHeader.read(cmyk).orElseThrow();
        assertEquals(4, header.components());
        assertTrue(header.adobe());
        byte[] profiled = withSegment(TestImages.jpeg(TestImages.photoLike(300, 200)), 0xE2, "ICC_PROFILE\0\1\1");
        assertTrue(JpegHeader.read(profiled).orElseThrow().iccProfile());
        for (byte[] jpeg : new byte[][] {cmyk, profiled}) {
            assertFalse(JpegHeader.read(jpeg).orElseThrow().plain());
            String reader =
                    PhotoDecoder.readerFor(ImageFormat.JPEG, jpeg).getClass().getName();
            assertTrue(reader.startsWith("com.twelvemonkeys."), reader);
        }
    }

    @Test
    void headerCutBeforeTheFrameIsUnknownAndGoesToTwelveMonkeys() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(300, 200));
        byte[] cut = java.util.Arrays.copyOf(jpeg, 30);
        assertTrue(JpegHeader.read(cut).isEmpty());
        assertTrue(PhotoDecoder.readerFor(ImageFormat.JPEG, cut)
                .getClass()
                .getName()
                .startsWith("com.twelvemonkeys."));
    }

    /** The JDK path must not change a pixel: TwelveMonkeys, with the same region and step, is the reference. */
    @Test
    void jdkReaderGivesTheSquareTwelveMonkeysGives() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(3600, 2400));
        PhotoDecoder.SourcePhoto photo = new PhotoDecoder(PhotoLimits.defaults()).decode(jpeg);
        int step = CentreSquare.of(3600, 2400).subsamplingFor(PhotoDecoder.SHRINK_ON_LOAD_FLOOR_PIXELS);
        assertEquals(1, step, "2400 px square, floor 1500: no subsampling");
        ImageReader twelveMonkeys = ImageIO.getImageReadersByFormatName("jpeg").next();
        assertTrue(twelveMonkeys.getClass().getName().startsWith("com.twelvemonkeys."));
        BufferedImage reference;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            twelveMonkeys.setInput(in);
            ImageReadParam param = twelveMonkeys.getDefaultReadParam();
            param.setSourceRegion(new Rectangle(600, 0, 2400, 2400));
            reference = twelveMonkeys.read(0, param);
        } finally {
            twelveMonkeys.dispose();
        }
        BufferedImage square = photo.square();
        assertEquals(reference.getWidth(), square.getWidth());
        int differing = 0;
        for (int y = 0; y < square.getHeight(); y += 3) {
            for (int x = 0; x < square.getWidth(); x += 3) {
                if ((square.getRGB(x, y) & 0xFFFFFF) != (reference.getRGB(x, y) & 0xFFFFFF)) {
                    differing++;
                }
            }
        }
        assertEquals(0, differing, "pixels differing from TwelveMonkeys' decode");
    }

    private static byte[] withSegment(byte[] jpeg, int marker, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(marker);
        out.write((body.length + 2) >> 8);
        out.write((body.length + 2) & 0xFF);
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
