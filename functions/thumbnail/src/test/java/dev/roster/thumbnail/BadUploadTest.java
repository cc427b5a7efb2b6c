package dev.roster.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.core.PhotoKeys;
import dev.roster.core.PhotoStatus;
import dev.roster.core.table.ItemAttributes;
import dev.roster.junit.WithLocalAws;
import dev.roster.thumbnail.PhotoOutcome.Rejected;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every kind of file that can never become a photo: rejected once, with a reason a member can act on. */
@WithLocalAws
class BadUploadTest extends PipelineTest {
    private static final AtomicInteger PROFILES = new AtomicInteger();

    private ThumbnailHandler handler;

    @BeforeEach
    void setUp() {
        handler = handler(Map.of("MAX_UPLOAD_BYTES", Integer.toString(1024 * 1024)));
    }

    static Stream<Arguments> unusableFiles() {
        byte[] photo = TestImages.jpeg(TestImages.photoLike(800, 600));
        return Stream.of(
                Arguments.of(
                        "not an image",
                        "hello".getBytes(StandardCharsets.US_ASCII),
                        "the file is not a photo; please upload a JPEG, PNG, GIF or WebP"),
                Arguments.of(
                        "HEIC",
                        "\0\0\0\u0018ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1),
                        "HEIC files are not supported; please upload a JPEG, PNG, GIF or WebP"),
                Arguments.of(
                        "SVG",
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"9000\"/>"
                                .getBytes(StandardCharsets.US_ASCII),
                        "SVG files are not supported; please upload a JPEG, PNG, GIF or WebP"),
                Arguments.of(
                        "truncated JPEG",
                        Arrays.copyOf(photo, photo.length / 2),
                        "the photo could not be read (the file is damaged or incomplete); please upload it again"),
                Arguments.of(
                        "corrupt PNG",
                        corrupt(TestImages.png(TestImages.photoLike(300, 300))),
                        "the photo could not be read (the file is damaged or incomplete); please upload it again"),
                Arguments.of(
                        "too many pixels",
                        TestImages.pngHeaderOnly(48000, 48000),
                        "photo is 48000×48000; the limit is 40 megapixels"),
                Arguments.of(
                        "too long a side",
                        TestImages.pngHeaderOnly(25000, 400),
                        "photo is 25000×400; no side may be longer than 20000 pixels"),
                Arguments.of(
                        "too small",
                        TestImages.png(TestImages.quadrants(90, 90)),
                        "photo is 90×90; each side must be at least 100 pixels"),
                Arguments.of(
                        "GIF bomb header",
                        HostileFiles.gifHeaderOnly(50_000, 50_000),
                        "photo is 50000×50000; the limit is 40 megapixels"),
                Arguments.of(
                        "JPEG strip header",
                        HostileFiles.jpegHeaderOnly(65_535, 1),
                        "photo is 65535×1; no side may be longer than 20000 pixels"),
                Arguments.of(
                        "HTML named .jpg",
                        "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII),
                        "the file is not a photo; please upload a JPEG, PNG, GIF or WebP"),
                Arguments.of(
                        "SVG with a script",
                        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                                .getBytes(StandardCharsets.US_ASCII),
                        "SVG files are not supported; please upload a JPEG, PNG, GIF or WebP"),
                Arguments.of("empty", new byte[0], "the uploaded file is empty"),
                Arguments.of("too many bytes", tooManyBytes(), "photo is 1.5 MB; the limit is 1 MB"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableFiles")
    void unusableFileIsRejectedWithItsReason(String kind, byte[] bytes, String reason) {
        String profileId = "bad" + PROFILES.incrementAndGet();
        profiles.waitingForUpload(profileId, "up1", List.of("misc"));

        Rejected rejected = assertInstanceOf(
                Rejected.class,
                handler.process(uploads.put(PhotoKeys.upload(profileId, "up1"), bytes))
                        .getFirst());

        assertEquals(reason, rejected.reason());
        Map<String, AttributeValue> profile = profiles.profile(profileId);
        assertEquals(
                PhotoStatus.REJECTED.name(),
                profile.get(ItemAttributes.PHOTO_STATUS).s());
        assertEquals(reason, profile.get(ItemAttributes.PHOTO_REJECTION).s());
        assertFalse(profile.containsKey(ItemAttributes.PENDING_UPLOAD_ID));
        assertFalse(profile.containsKey(ItemAttributes.PHOTO));
        assertTrue(
                aws.s3()
                        .listObjectsV2(
                                b -> b.bucket(aws.physicalName("PhotosBucket")).prefix(PhotoKeys.cropsOf(profileId)))
                        .contents()
                        .isEmpty(),
                "no crops for a rejected file");
    }

    @Test
    void sizeInTheEventIsCheckedBeforeDownloading() {
        profiles.waitingForUpload("big00001", "huge", List.of());
        // the event claims 20 MB; no object exists, so a download would have said "gone", not "too large"
        S3Event event = Uploads.event(uploads.bucket(), "uploads%2Fbig00001%2Fhuge", 20L * 1024 * 1024);

        Rejected rejected =
                assertInstanceOf(Rejected.class, handler.process(event).getFirst());

        assertEquals("photo is 20 MB; the limit is 1 MB", rejected.reason());
    }

    @Test
    void objectLargerThanItsEventSaidIsStillRefusedAtTheLimit() {
        profiles.waitingForUpload("big00002", "up1", List.of());
        aws.s3()
                .putObject(
                        b -> b.bucket(uploads.bucket()).key(PhotoKeys.upload("big00002", "up1")),
                        software.amazon.awssdk.core.sync.RequestBody.fromBytes(tooManyBytes()));
        S3Event understated = Uploads.event(uploads.bucket(), PhotoKeys.upload("big00002", "up1"), 1000);

        Rejected rejected =
                assertInstanceOf(Rejected.class, handler.process(understated).getFirst());

        assertEquals("photo is 1.5 MB; the limit is 1 MB", rejected.reason());
    }

    @Test
    void uploadThatIsGoneIsRejectedSoTheMemberCanTryAgain() {
        profiles.waitingForUpload("gone0001", "up1", List.of());
        S3Event event = Uploads.event(uploads.bucket(), PhotoKeys.upload("gone0001", "up1"), 1000);

        Rejected rejected =
                assertInstanceOf(Rejected.class, handler.process(event).getFirst());

        assertEquals("the uploaded file is gone; please upload the photo again", rejected.reason());
    }

    private static byte[] corrupt(byte[] png) {
        byte[] damaged = png.clone();
        for (int i = damaged.length / 3; i < damaged.length / 3 + 64; i++) {
            damaged[i] ^= 0x5A; // inside the IDAT data: the zlib stream or its CRC no longer checks out
        }
        return damaged;
    }

    private static byte[] tooManyBytes() {
        byte[] bytes = new byte[1024 * 1024 + 512 * 1024];
        byte[] header = TestImages.jpeg(TestImages.quadrants(200, 200));
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }
}
