package dev.roster.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.PhotoKeys;
import dev.roster.core.profile.FocalPoint;
import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.ItemAttributes.PhotoAttributes;
import dev.roster.junit.WithLocalAws;
import dev.roster.thumbnail.PhotoOutcome.Processed;
import dev.roster.thumbnail.PhotoOutcome.Rejected;
import dev.roster.thumbnail.image.CropSpec;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The crop window through the real pipeline: S3 notification → handler → items, per focal point and crop mode. */
@WithLocalAws
class FocalPointPipelineTest extends PipelineTest {
    @Test
    void focalPointRecordedWithTheUploadPlacesTheCropsAndIsKeptOnThePhoto() {
        profiles.waitingForUpload("focus001", "up1", List.of("java"));
        profiles.focusPendingUpload("focus001", new FocalPoint(1, 0.5));

        Processed processed = assertInstanceOf(
                Processed.class,
                handler(Map.of())
                        .process(uploads.put(
                                PhotoKeys.upload("focus001", "up1"), TestImages.png(blueLeftRedRight(800, 400))))
                        .getFirst());

        Map<String, AttributeValue> profile = profiles.profile("focus001");
        assertFalse(profile.containsKey(ItemAttributes.PENDING_FOCAL_POINT), "the pending focal point is used up");
        Map<String, AttributeValue> photo = profile.get(ItemAttributes.PHOTO).m();
        assertEquals(
                dev.roster.core.table.ProfileItems.photoValue(processed.photo().photo())
                        .m(),
                photo);
        assertEquals(
                Map.of("x", AttributeValue.fromN("1.0"), "y", AttributeValue.fromN("0.5")),
                photo.get(PhotoAttributes.FOCAL_POINT).m());
        assertEquals(window(400, 0, 400), photo.get(PhotoAttributes.WINDOW).m());
        assertEquals(
                photo,
                profiles.tagItem("focus001", "java").get(ItemAttributes.PHOTO).m());
        int centre = crop(photo, CropSpec.THUMB_1X).getRGB(50, 50);
        assertTrue(
                TestImages.near(centre, TestImages.RED, 40),
                "the crop is the right half: " + TestImages.describe(centre));
    }

    @Test
    void theWholeUprightPhotoIsStoredSmallWithoutMetadataAndRecordedForTheEditor() {
        profiles.waitingForUpload("preview1", "up1", List.of("java"));
        // stored 2000×1000, EXIF 6 (turn 90° clockwise): upright it is 1000×2000, the left (blue) half on top
        byte[] upload = TestImages.withExif(TestImages.jpeg(blueLeftRedRight(2000, 1000)), 6);

        Processed processed = assertInstanceOf(
                Processed.class,
                handler(Map.of())
                        .process(uploads.put(PhotoKeys.upload("preview1", "up1"), upload))
                        .getFirst());

        Map<String, AttributeValue> photo =
                profiles.profile("preview1").get(ItemAttributes.PHOTO).m();
        String url = photo.get(PhotoAttributes.PREVIEW).s();
        assertEquals(processed.photo().photo().crop().preview(), url);
        String key = photoKey(url);
        assertTrue(
                key.startsWith(PhotoKeys.CROPS_PREFIX + "preview1/") && key.endsWith(".jpg"),
                "named like the crops: " + key);
        byte[] jpeg = photoObject(url).asByteArray();
        assertFalse(TestImages.jpegMarkers(jpeg).contains(0xE1), "no EXIF (APP1) segment");
        BufferedImage preview = TestImages.read(jpeg);
        assertEquals(
                List.of(400, 800),
                List.of(preview.getWidth(), preview.getHeight()),
                "upright, 800 px on its long side");
        assertTrue(
                TestImages.near(preview.getRGB(200, 100), TestImages.BLUE, 40),
                TestImages.describe(preview.getRGB(200, 100)));
        assertTrue(
                TestImages.near(preview.getRGB(200, 700), TestImages.RED, 40),
                TestImages.describe(preview.getRGB(200, 700)));
    }

    @Test
    void withoutFocalPointTheSmartWindowIsRecordedAndNoFocalPoint() {
        profiles.waitingForUpload("smart001", "up1", List.of());
        BufferedImage image = blueLeftRedRight(800, 400);
        texture(image, 620, 100, 150, 200);

        assertInstanceOf(
                Processed.class,
                handler(Map.of())
                        .process(uploads.put(PhotoKeys.upload("smart001", "up1"), TestImages.png(image)))
                        .getFirst());

        Map<String, AttributeValue> photo =
                profiles.profile("smart001").get(ItemAttributes.PHOTO).m();
        assertFalse(photo.containsKey(PhotoAttributes.FOCAL_POINT));
        int x = Integer.parseInt(photo.get(PhotoAttributes.WINDOW).m().get("x").n());
        assertTrue(x >= 370 && x <= 400, "the window holds the textured area 620..770: x = " + x);
    }

    @Test
    void centreModeFromTheEnvironmentIgnoresContent() {
        profiles.waitingForUpload("centre01", "up1", List.of());
        BufferedImage image = blueLeftRedRight(800, 400);
        texture(image, 620, 100, 150, 200);

        assertInstanceOf(
                Processed.class,
                handler(Map.of("CROP_MODE", "centre"))
                        .process(uploads.put(PhotoKeys.upload("centre01", "up1"), TestImages.png(image)))
                        .getFirst());

        assertEquals(
                window(200, 0, 400),
                profiles.profile("centre01")
                        .get(ItemAttributes.PHOTO)
                        .m()
                        .get(PhotoAttributes.WINDOW)
                        .m());
    }

    @Test
    void rejectedUploadForgetsItsFocalPoint() {
        profiles.waitingForUpload("reject01", "up1", List.of());
        profiles.focusPendingUpload("reject01", new FocalPoint(0.2, 0.2));

        assertInstanceOf(
                Rejected.class,
                handler(Map.of())
                        .process(uploads.put(PhotoKeys.upload("reject01", "up1"), "not a photo".getBytes()))
                        .getFirst());

        assertFalse(profiles.profile("reject01").containsKey(ItemAttributes.PENDING_FOCAL_POINT));
    }

    private BufferedImage crop(Map<String, AttributeValue> photo, CropSpec spec) {
        return TestImages.read(photoObject(photo.get(spec.attribute()).s()).asByteArray());
    }

    private static Map<String, AttributeValue> window(int x, int y, int side) {
        return Map.of(
                "x",
                AttributeValue.fromN(Integer.toString(x)),
                "y",
                AttributeValue.fromN(Integer.toString(y)),
                "side",
                AttributeValue.fromN(Integer.toString(side)));
    }

    private static BufferedImage blueLeftRedRight(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(TestImages.BLUE);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(TestImages.RED);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    private static void texture(BufferedImage image, int x0, int y0, int w, int h) {
        java.util.Random random = new java.util.Random(7);
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int v = random.nextInt(200);
                image.setRGB(x, y, new Color(v, v, v).getRGB());
            }
        }
    }
}
