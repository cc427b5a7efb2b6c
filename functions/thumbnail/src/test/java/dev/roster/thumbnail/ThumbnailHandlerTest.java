package dev.roster.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.core.PhotoKeys;
import dev.roster.core.PhotoStatus;
import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.ItemAttributes.PhotoAttributes;
import dev.roster.junit.WithLocalAws;
import dev.roster.thumbnail.PhotoOutcome.Processed;
import dev.roster.thumbnail.PhotoOutcome.Rejected;
import dev.roster.thumbnail.PhotoOutcome.Stale;
import dev.roster.thumbnail.image.CropSpec;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The function end to end: S3 notification → handler → crops in the photos bucket → items in the table. */
@WithLocalAws
class ThumbnailHandlerTest extends PipelineTest {
    private ThumbnailHandler handler;

    @BeforeEach
    void setUp() {
        handler = handler();
    }

    @Test
    void uploadedPhotoEndsUpOnTheProfileAndEveryTagItem() {
        profiles.waitingForUpload("happy001", "up1", List.of("rust", "java"));
        S3Event event = uploads.put(
                PhotoKeys.upload("happy001", "up1"),
                TestImages.withExif(TestImages.jpeg(TestImages.photoLike(1200, 900)), 1));

        Processed processed =
                assertInstanceOf(Processed.class, handler.process(event).getFirst());

        Map<String, AttributeValue> profile = profiles.profile("happy001");
        assertEquals(
                PhotoStatus.READY.name(),
                profile.get(ItemAttributes.PHOTO_STATUS).s());
        assertFalse(profile.containsKey(ItemAttributes.PENDING_UPLOAD_ID));
        assertEquals("4", profile.get(ItemAttributes.VERSION).n(), "the photo write bumps the version");
        Map<String, AttributeValue> photo = profile.get(ItemAttributes.PHOTO).m();
        assertEquals(
                dev.roster.core.table.ProfileItems.photoValue(processed.photo().photo())
                        .m(),
                photo);
        assertEquals("1200", photo.get(PhotoAttributes.SOURCE_WIDTH).n());
        assertEquals("900", photo.get(PhotoAttributes.SOURCE_HEIGHT).n());
        assertEquals(
                Integer.toString(CropSpec.VERSION),
                photo.get(PhotoAttributes.SPEC_VERSION).n());
        assertEquals("up1", photo.get(PhotoAttributes.UPLOAD_ID).s());
        assertTrue(photo.get(PhotoAttributes.COLOUR).s().matches("#[0-9a-f]{6}"));
        assertFalse(photo.get(PhotoAttributes.PLACEHOLDER).s().isEmpty());
        for (String tag : List.of("rust", "java")) {
            assertEquals(
                    photo,
                    profiles.tagItem("happy001", tag).get(ItemAttributes.PHOTO).m(),
                    "tag item " + tag);
        }

        for (CropSpec spec : CropSpec.values()) {
            String url = photo.get(spec.attribute()).s();
            assertTrue(url.startsWith(PHOTOS_BASE_URL + "/photos/happy001/") && url.endsWith(".jpg"), url);
            ResponseBytes<GetObjectResponse> crop = photoObject(url);
            assertEquals("image/jpeg", crop.response().contentType());
            assertEquals("public, max-age=31536000, immutable", crop.response().cacheControl());
            BufferedImage image = TestImages.read(crop.asByteArray());
            assertEquals(spec.targetPixels(), image.getWidth(), spec.name());
            assertEquals(spec.targetPixels(), image.getHeight(), spec.name());
            assertFalse(TestImages.jpegMarkers(crop.asByteArray()).contains(0xE1), spec + " carries EXIF");
        }
        byte[] original = aws.s3()
                .getObjectAsBytes(b -> b.bucket(uploads.bucket()).key(PhotoKeys.original("happy001", "up1")))
                .asByteArray();
        assertEquals(
                aws.s3()
                        .getObjectAsBytes(b -> b.bucket(uploads.bucket()).key(PhotoKeys.upload("happy001", "up1")))
                        .asByteArray()
                        .length,
                original.length);
    }

    @Test
    void duplicateEventChangesNothingTheSecondTime() {
        profiles.waitingForUpload("dupe0001", "up1", List.of("go"));
        S3Event event =
                uploads.put(PhotoKeys.upload("dupe0001", "up1"), TestImages.jpeg(TestImages.photoLike(640, 480)));
        assertInstanceOf(Processed.class, handler.process(event).getFirst());
        Map<String, AttributeValue> afterFirst = profiles.profile("dupe0001");
        Map<String, AttributeValue> tagAfterFirst = profiles.tagItem("dupe0001", "go");

        Stale second = assertInstanceOf(Stale.class, handler.process(event).getFirst());

        assertEquals("the profile waits for no upload", second.why());
        assertEquals(afterFirst, profiles.profile("dupe0001"));
        assertEquals(tagAfterFirst, profiles.tagItem("dupe0001", "go"));
    }

    @Test
    void lateEventForAnOlderUploadLeavesTheNewerPhotoAlone() {
        profiles.waitingForUpload("late0001", "older", List.of("python"));
        S3Event olderEvent =
                uploads.put(PhotoKeys.upload("late0001", "older"), TestImages.jpeg(TestImages.quadrants(400, 400)));
        profiles.requestUpload("late0001", "newer"); // the member picked another photo before the first was done
        S3Event newerEvent =
                uploads.put(PhotoKeys.upload("late0001", "newer"), TestImages.jpeg(TestImages.photoLike(500, 500)));

        // out of order: the newer upload's event is handled first
        assertInstanceOf(Processed.class, handler.process(newerEvent).getFirst());
        Map<String, AttributeValue> newer = profiles.profile("late0001");
        Stale late = assertInstanceOf(Stale.class, handler.process(olderEvent).getFirst());

        assertEquals("the profile waits for no upload", late.why());
        assertEquals(newer, profiles.profile("late0001"));
        assertEquals(
                "newer",
                newer.get(ItemAttributes.PHOTO)
                        .m()
                        .get(PhotoAttributes.UPLOAD_ID)
                        .s());
        assertTrue(
                aws.s3()
                        .listObjectsV2(b -> b.bucket(uploads.bucket()).prefix(PhotoKeys.original("late0001", "older")))
                        .contents()
                        .isEmpty(),
                "a stale upload is not kept as an original");
    }

    @Test
    void eventForAnUploadThatWasReplacedBeforeProcessingIsStaleAndTheNewOneStillPending() {
        profiles.waitingForUpload("late0002", "first", List.of());
        S3Event firstEvent =
                uploads.put(PhotoKeys.upload("late0002", "first"), TestImages.jpeg(TestImages.photoLike(300, 300)));
        profiles.requestUpload("late0002", "second");

        Stale stale = assertInstanceOf(Stale.class, handler.process(firstEvent).getFirst());

        assertEquals("the profile now waits for upload second", stale.why());
        Map<String, AttributeValue> profile = profiles.profile("late0002");
        assertEquals(
                PhotoStatus.PENDING.name(),
                profile.get(ItemAttributes.PHOTO_STATUS).s());
        assertEquals("second", profile.get(ItemAttributes.PENDING_UPLOAD_ID).s());
        assertFalse(profile.containsKey(ItemAttributes.PHOTO));
    }

    @Test
    void unreadableUploadIsRejectedWithAReasonAndThePreviousPhotoStays() {
        profiles.waitingForUpload("reject01", "good", List.of("art"));
        assertInstanceOf(
                Processed.class,
                handler.process(uploads.put(
                                PhotoKeys.upload("reject01", "good"), TestImages.jpeg(TestImages.photoLike(400, 300))))
                        .getFirst());
        Map<String, AttributeValue> goodPhoto =
                profiles.profile("reject01").get(ItemAttributes.PHOTO).m();
        profiles.requestUpload("reject01", "bad");

        Rejected rejected = assertInstanceOf(
                Rejected.class,
                handler.process(uploads.put(PhotoKeys.upload("reject01", "bad"), "<html>not a photo</html>".getBytes()))
                        .getFirst());

        assertEquals("the file is not a photo; please upload a JPEG, PNG, GIF or WebP", rejected.reason());
        Map<String, AttributeValue> profile = profiles.profile("reject01");
        assertEquals(
                PhotoStatus.REJECTED.name(),
                profile.get(ItemAttributes.PHOTO_STATUS).s());
        assertEquals(
                rejected.reason(), profile.get(ItemAttributes.PHOTO_REJECTION).s());
        assertFalse(profile.containsKey(ItemAttributes.PENDING_UPLOAD_ID));
        assertEquals(goodPhoto, profile.get(ItemAttributes.PHOTO).m(), "the previous photo stays on the profile");
        assertEquals(
                goodPhoto,
                profiles.tagItem("reject01", "art").get(ItemAttributes.PHOTO).m(),
                "and on its cards");
        assertTrue(
                aws.s3()
                        .listObjectsV2(b -> b.bucket(uploads.bucket()).prefix(PhotoKeys.original("reject01", "bad")))
                        .contents()
                        .isEmpty(),
                "a rejected file is not kept");
    }

    @Test
    void nextGoodPhotoAfterARejectionClearsTheReason() {
        profiles.waitingForUpload("reject02", "bad", List.of());
        assertInstanceOf(
                Rejected.class,
                handler.process(uploads.put(
                                PhotoKeys.upload("reject02", "bad"), TestImages.pngHeaderOnly(48000, 48000)))
                        .getFirst());
        profiles.requestUpload("reject02", "good");

        assertInstanceOf(
                Processed.class,
                handler.process(uploads.put(
                                PhotoKeys.upload("reject02", "good"), TestImages.jpeg(TestImages.photoLike(300, 300))))
                        .getFirst());

        Map<String, AttributeValue> profile = profiles.profile("reject02");
        assertEquals(
                PhotoStatus.READY.name(),
                profile.get(ItemAttributes.PHOTO_STATUS).s());
        assertFalse(profile.containsKey(ItemAttributes.PHOTO_REJECTION));
    }

    @Test
    void profileEditedWhileThePhotoIsProcessedGetsThePhotoOnItsNewTagToo() {
        profiles.waitingForUpload("race0001", "up1", List.of("c"));
        S3Event event =
                uploads.put(PhotoKeys.upload("race0001", "up1"), TestImages.jpeg(TestImages.photoLike(400, 400)));
        // the member adds a tag after the pipeline read the profile and before it commits
        PhotoPipeline pipeline =
                PhotoPipelines.withEditBeforeCommit(aws, PHOTOS_BASE_URL, () -> profiles.addTag("race0001", "zig"));

        assertInstanceOf(
                Processed.class, new ThumbnailHandler(pipeline).process(event).getFirst());

        Map<String, AttributeValue> photo =
                profiles.profile("race0001").get(ItemAttributes.PHOTO).m();
        assertEquals(
                photo,
                profiles.tagItem("race0001", "c").get(ItemAttributes.PHOTO).m());
        assertEquals(
                photo,
                profiles.tagItem("race0001", "zig").get(ItemAttributes.PHOTO).m());
        assertEquals(
                "5", profiles.profile("race0001").get(ItemAttributes.VERSION).n(), "3 + the edit + the photo");
    }
}
