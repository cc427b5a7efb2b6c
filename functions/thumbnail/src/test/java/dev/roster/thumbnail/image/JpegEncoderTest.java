package dev.roster.thumbnail.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.thumbnail.TestImages;
import java.awt.image.BufferedImage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The crops' JPEGs through libvips where it is loaded, through the JDK's writer otherwise: the same kind of file
 * (progressive, 4:2:0, standard tables at the same quality, no metadata) and the same picture.
 */
class JpegEncoderTest {
    @Test
    void libvipsWritesTheJdkWritersFrameWithoutAnyApplicationSegment() {
        JpegEncoder encoder =
                JpegEncoder.of(JpegEncoder.DEFAULT_QUALITY, new Libvips.Availability.Loaded(NativeLibrary.required()));
        assertEquals(Optional.empty(), encoder.imageIoOnly());
        BufferedImage photo = TestImages.photoLike(500, 500);
        byte[] jpeg = encoder.encode(photo);
        byte[] jdk = encoder.encodeWithImageIo(photo);
        assertEquals("DQT SOF2(22,11,11) DHT", JpegEncoder.frame(jpeg));
        assertEquals("APP0 DQT SOF2(22,11,11) DHT", JpegEncoder.frame(jdk));
        // the same quantisation: the two decode to nearly the same pixels, far closer than either is to the photo
        double between = TestImages.psnr(TestImages.read(jpeg), TestImages.read(jdk));
        assertTrue(between >= 40, "libvips's and the JDK's JPEGs differ: " + between + " dB");
        assertTrue(
                TestImages.psnr(photo, TestImages.read(jpeg)) >= TestImages.psnr(photo, TestImages.read(jdk)) - 0.5,
                "libvips's JPEG is further from the photo than the JDK's");
        double ratio = jpeg.length / (double) jdk.length;
        assertTrue(ratio > 0.9 && ratio < 1.1, "libvips wrote " + jpeg.length + " bytes, the JDK " + jdk.length);
    }

    @Test
    void withoutLibvipsTheJdkWriterEncodesAndTheEncoderSaysWhy() {
        JpegEncoder encoder =
                JpegEncoder.of(JpegEncoder.DEFAULT_QUALITY, new Libvips.Availability.Unavailable("no libvips-cpp.so"));
        assertEquals(Optional.of("no libvips: no libvips-cpp.so"), encoder.imageIoOnly());
        byte[] jpeg = encoder.encode(TestImages.photoLike(200, 200));
        assertEquals("APP0 DQT SOF2(22,11,11) DHT", JpegEncoder.frame(jpeg));
    }

    @Test
    void aFileWhoseSegmentsDoNotParseHasNoFrame() {
        assertEquals("malformed", JpegEncoder.frame(new byte[] {(byte) 0xFF, (byte) 0xD8, 0x12, 0x34, 0x56, 0x78}));
    }
}
