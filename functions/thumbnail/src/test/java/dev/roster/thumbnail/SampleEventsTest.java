package dev.roster.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.roster.core.PhotoKeys;
import dev.roster.core.PhotoStatus;
import dev.roster.core.table.ItemAttributes;
import dev.roster.junit.WithLocalAws;
import dev.roster.thumbnail.PhotoOutcome.Ignored;
import dev.roster.thumbnail.PhotoOutcome.Processed;
import dev.roster.thumbnail.PhotoOutcome.Rejected;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/** The files in {@code events/} (the ones {@code sam local invoke ThumbnailFunction -e} takes) through the handler. */
@WithLocalAws
class SampleEventsTest extends PipelineTest {
    /** The bucket the sample events name: a deployed stack's, created locally so the events work as they are. */
    private static final String SAMPLE_BUCKET = "roster-dev-uploads-123456789012";

    private ThumbnailHandler handler;

    @BeforeEach
    void setUp() {
        handler = handler();
        try {
            aws.s3().createBucket(b -> b.bucket(SAMPLE_BUCKET));
        } catch (BucketAlreadyOwnedByYouException exists) {
            // made by an earlier test of this class
        }
    }

    @ParameterizedTest
    @Event(value = "events/s3-put-upload.json", type = S3Event.class)
    void samplePutEventProcessesThePhoto(S3Event event) {
        profiles.waitingForUpload("k3Jd9xQa", "01JDX4T7Q5M0Z8N3V6B2C9F1HA", List.of("sample"));
        aws.s3()
                .putObject(
                        b -> b.bucket(SAMPLE_BUCKET).key(PhotoKeys.upload("k3Jd9xQa", "01JDX4T7Q5M0Z8N3V6B2C9F1HA")),
                        RequestBody.fromBytes(TestImages.jpeg(TestImages.photoLike(1024, 768))));

        assertInstanceOf(Processed.class, handler.process(event).getFirst());
        assertEquals(
                PhotoStatus.READY.name(),
                profiles.profile("k3Jd9xQa").get(ItemAttributes.PHOTO_STATUS).s());
    }

    @ParameterizedTest
    @Event(value = "events/s3-multipart-upload-too-large.json", type = S3Event.class)
    void sampleMultipartEventOverTheSizeLimitIsRejectedWithoutDownloading(S3Event event) {
        profiles.waitingForUpload("k3Jd9xQa", "01JDX4T7Q5M0Z8N3V6B2C9F1HB", List.of());

        Rejected rejected =
                assertInstanceOf(Rejected.class, handler.process(event).getFirst());
        assertEquals("photo is 20 MB; the limit is 15 MB", rejected.reason());
    }

    @ParameterizedTest
    @Event(value = "events/s3-put-key-with-plus.json", type = S3Event.class)
    void sampleKeyWithPlusIsDecodedAndIgnored(S3Event event) {
        Ignored ignored = assertInstanceOf(Ignored.class, handler.process(event).getFirst());
        assertEquals("uploads/k3Jd9xQa/holiday photo(1).jpg", ignored.key());
    }

    @ParameterizedTest
    @Event(value = "events/s3-put-outside-uploads.json", type = S3Event.class)
    void sampleCopyIntoOriginalsIsIgnored(S3Event event) {
        assertInstanceOf(Ignored.class, handler.process(event).getFirst());
    }
}
