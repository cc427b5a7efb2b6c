package dev.roster.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.core.PhotoKeys;
import dev.roster.core.PhotoStatus;
import dev.roster.core.table.ItemAttributes;
import dev.roster.junit.WithLocalAws;
import dev.roster.thumbnail.PhotoOutcome.Ignored;
import dev.roster.thumbnail.PhotoOutcome.Processed;
import dev.roster.thumbnail.PhotoOutcome.Rejected;
import dev.roster.thumbnail.image.JpegEncoder;
import dev.roster.thumbnail.image.PhotoLimits;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Transient failures (AWS unreachable or failing) throw, so Lambda retries and the event ends in the DLQ
 * if they last; permanent ones (the file) return normally with the profile REJECTED. Nothing is mocked:
 * the failures are real answers from moto or a real refused connection.
 */
@WithLocalAws
class FailureClassificationTest extends PipelineTest {
    @Test
    void missingPhotosBucketIsTransientAndTheRetrySucceedsOnceItIsBack() {
        profiles.waitingForUpload("trans001", "up1", List.of("ops"));
        S3Event event =
                uploads.put(PhotoKeys.upload("trans001", "up1"), TestImages.jpeg(TestImages.photoLike(400, 400)));

        ThumbnailHandler broken = handler(Map.of("PHOTOS_BUCKET", "roster-local-no-such-bucket"));
        assertThrows(NoSuchBucketException.class, () -> broken.handleRequest(event, null));
        assertEquals(
                "up1",
                profiles.profile("trans001")
                        .get(ItemAttributes.PENDING_UPLOAD_ID)
                        .s(),
                "still waiting: the retry must be able to finish the job");
        assertEquals(
                PhotoStatus.PENDING.name(),
                profiles.profile("trans001").get(ItemAttributes.PHOTO_STATUS).s());

        assertInstanceOf(Processed.class, handler(Map.of()).process(event).getFirst());
    }

    @Test
    void missingTableIsTransient() {
        profiles.waitingForUpload("trans002", "up1", List.of());
        S3Event event =
                uploads.put(PhotoKeys.upload("trans002", "up1"), TestImages.jpeg(TestImages.photoLike(400, 400)));

        assertThrows(
                ResourceNotFoundException.class,
                () -> handler(Map.of("TABLE_NAME", "roster-local-no-such-table"))
                        .handleRequest(event, null));
    }

    @Test
    void unreachableAwsIsTransientEvenForAnUnusableFile() throws IOException {
        profiles.waitingForUpload("trans003", "up1", List.of());
        S3Event event = uploads.put(PhotoKeys.upload("trans003", "up1"), "not a photo".getBytes());

        PhotoPipeline offline = pipelineAt(closedPort());
        SdkException failure =
                assertThrows(SdkException.class, () -> new ThumbnailHandler(offline).handleRequest(event, null));
        assertInstanceOf(SdkClientException.class, failure);

        // the same file is a permanent failure once AWS answers: rejected, and the call succeeds
        Rejected rejected = assertInstanceOf(
                Rejected.class, handler(Map.of()).process(event).getFirst());
        assertEquals("the file is not a photo; please upload a JPEG, PNG, GIF or WebP", rejected.reason());
    }

    @Test
    void keysOutsideTheUploadPatternNeverReachAws() throws IOException {
        // every call of this pipeline's clients would fail with a refused connection
        ThumbnailHandler offline = new ThumbnailHandler(pipelineAt(closedPort()));
        for (String encodedKey : List.of(
                "originals%2Fk3Jd9xQa%2Fup1",
                "photos/k3Jd9xQa/abc.jpg",
                "uploads/k3Jd9xQa",
                "uploads/k3Jd9xQa/up1/extra",
                "uploads/k3Jd9xQa/my+photo.jpg",
                "uploads/..%2Fk3Jd9xQa/up1",
                "uploads/k3Jd9xQa/%zz",
                "uploads/k3Jd9xQa/up1%00")) {
            S3Event event = Uploads.event(uploads.bucket(), encodedKey, 1000);
            assertInstanceOf(Ignored.class, offline.process(event).getFirst(), encodedKey);
        }
        PhotoOutcome forged = offline.process(
                        Uploads.event(uploads.bucket(), "uploads/k3Jd9xQa/x%0Aprocessed+uploads%2Fk3Jd9xQa%2Fx", 1))
                .getFirst();
        assertEquals(
                "ignored key 'uploads/k3Jd9xQa/x\\u000aprocessed uploads/k3Jd9xQa/x': not an upload"
                        + " (expected uploads/<profileId>/<uploadId>)",
                forged.describe(),
                "one log line, whatever the key");
        Ignored spaced = (Ignored) offline.process(Uploads.event(uploads.bucket(), "uploads/k3Jd9xQa/my+photo.jpg", 1))
                .getFirst();
        assertEquals("uploads/k3Jd9xQa/my photo.jpg", spaced.key(), "+ in an event key is a space");
        Ignored plus = (Ignored) offline.process(Uploads.event(uploads.bucket(), "uploads/k3Jd9xQa/a%2Bb", 1))
                .getFirst();
        assertEquals("uploads/k3Jd9xQa/a+b", plus.key(), "%2B is a plus");
    }

    @Test
    void snapStartPrimingRunsTheImageCodeWithoutCallingAws() throws Exception {
        pipelineAt(closedPort()).primeImageCode(); // would throw on any AWS call
    }

    private PhotoPipeline pipelineAt(URI endpoint) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        S3Client s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
        return new PhotoPipeline(
                new dev.roster.core.table.ProfileTable(dynamoDb, aws.physicalName("ProfilesTable"), Profiles.COMMUNITY),
                new PhotoStore(s3, aws.physicalName("PhotosBucket"), PHOTOS_BASE_URL),
                PhotoLimits.defaults(),
                new JpegEncoder(JpegEncoder.DEFAULT_QUALITY),
                Clock.systemUTC());
    }

    /** A loopback port nothing listens on: bound, then released. */
    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
