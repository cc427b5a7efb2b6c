package dev.roster.thumbnail.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.thumbnail.TestImages;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CropperTest {
    private static final int APP1 = 0xE1;
    private static final int SOF2_PROGRESSIVE = 0xC2;

    private final PhotoDecoder decoder = new PhotoDecoder(PhotoLimits.defaults());
    private final Cropper cropper = new Cropper(new JpegEncoder(JpegEncoder.DEFAULT_QUALITY));

    @Test
    void cropsAreExactlyTheirSpecifiedSizes() throws Exception {
        Cropper.Crops crops = cropper.crop(decoder.decode(TestImages.jpeg(TestImages.photoLike(1600, 1200))));
        assertEquals(
                List.of(CropSpec.values()),
                crops.crops().stream().map(Cropper.Crop::spec).toList());
        for (Cropper.Crop crop : crops.crops()) {
            BufferedImage image = TestImages.read(crop.jpeg());
            assertEquals(
                    crop.spec().targetPixels(), image.getWidth(), crop.spec().name());
            assertEquals(
                    crop.spec().targetPixels(), image.getHeight(), crop.spec().name());
        }
        assertEquals(
                List.of(100, 200, 250, 500),
                crops.crops().stream().map(Cropper.Crop::pixels).toList());
    }

    @Test
    void cropsAreProgressiveJpegsWithoutTheSourceExifOrGps() throws Exception {
        byte[] phonePhoto = TestImages.withExif(TestImages.jpeg(TestImages.photoLike(900, 700)), 1);
        assertTrue(TestImages.jpegMarkers(phonePhoto).contains(APP1), "the input has EXIF");
        for (Cropper.Crop crop : cropper.crop(decoder.decode(phonePhoto)).crops()) {
            List<Integer> markers = TestImages.jpegMarkers(crop.jpeg());
            assertFalse(markers.contains(APP1), crop.spec() + " has an APP1 (EXIF/XMP) segment: " + markers);
            assertTrue(markers.contains(SOF2_PROGRESSIVE), crop.spec() + " is not progressive: " + markers);
            assertFalse(new String(crop.jpeg(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("Exif"));
        }
    }

    @Test
    void smallPhotoIsNeverUpscaled() throws Exception {
        Cropper.Crops crops = cropper.crop(decoder.decode(TestImages.png(TestImages.quadrants(320, 220))));
        assertEquals(
                List.of(100, 200, 220, 220),
                crops.crops().stream().map(Cropper.Crop::pixels).toList());
        assertEquals(220, TestImages.read(crops.crops().getLast().jpeg()).getWidth());
    }

    @Test
    void placeholderAndColourDescribeTheCentreSquare() throws Exception {
        BufferedImage mostlyBlue = TestImages.quadrants(400, 400);
        var g = mostlyBlue.createGraphics();
        g.setColor(TestImages.BLUE);
        g.fillRect(0, 0, 400, 300);
        g.dispose();
        Cropper.Crops crops = cropper.crop(decoder.decode(TestImages.png(mostlyBlue)));
        assertEquals("#0000ff", crops.colour());
        byte[] hash = Base64.getDecoder().decode(crops.placeholder());
        assertTrue(hash.length >= 5 && hash.length <= 25, "a ThumbHash is 5–25 bytes, was " + hash.length);
        assertEquals(0, hash[2] >> 7 & 1, "opaque after flattening: no alpha bit");
    }
}
