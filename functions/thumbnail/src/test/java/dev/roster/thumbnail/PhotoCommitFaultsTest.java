package dev.roster.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.core.Env;
import dev.roster.core.PhotoKeys;
import dev.roster.core.PhotoStatus;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.ItemAttributes.PhotoAttributes;
import dev.roster.junit.FaultProxy;
import dev.roster.junit.WithLocalAws;
import dev.roster.thumbnail.PhotoOutcome.Processed;
import dev.roster.thumbnail.PhotoOutcome.Stale;
import dev.roster.thumbnail.image.CropSpec;
import dev.roster.thumbnail.image.WebpEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The photo's final transaction failing after its crops are in S3: the function throws (so Lambda retries),
 * readers keep seeing the previous photo, every URL they can see points at a crop that exists, and the retry
 * finishes the job with the same content-addressed crops. DynamoDB sits behind a {@link FaultProxy}; S3 is
 * the emulator itself.
 */
@WithLocalAws
class PhotoCommitFaultsTest extends PipelineTest {
    private FaultProxy proxy;
    private DynamoDbClient viaProxy;
    private ThumbnailHandler faulty;
    private ThumbnailHandler healthy;
    private Env env;

    @BeforeEach
    void setUp() {
        proxy = FaultProxy.inFrontOf(aws.endpoint());
        viaProxy =
                AwsClients.dynamoDbBuilder().endpointOverride(proxy.endpoint()).build();
        env = environment(Map.of());
        faulty = new ThumbnailHandler(PhotoPipeline.from(env, aws.s3(), viaProxy));
        healthy = new ThumbnailHandler(env);
    }

    @AfterEach
    void tearDown() {
        viaProxy.close();
        proxy.close();
    }

    /** A profile showing the photo of upload "old", now waiting for upload "new"; the event for "new". */
    private S3Event profileWithOldPhotoWaitingForNew(String profileId) {
        profiles.waitingForUpload(profileId, "old", List.of("ops", "go"));
        S3Event old = uploads.put(PhotoKeys.upload(profileId, "old"), TestImages.jpeg(TestImages.quadrants(400, 400)));
        assertInstanceOf(Processed.class, healthy.process(old).getFirst());
        profiles.requestUpload(profileId, "new");
        return uploads.put(PhotoKeys.upload(profileId, "new"), TestImages.jpeg(TestImages.photoLike(640, 480)));
    }

    @Test
    void transactionThatFailsAfterTheCropsAreWrittenIsRetriedToCompletion() {
        S3Event event = profileWithOldPhotoWaitingForNew("fault001");
        proxy.throttle(Integer.MAX_VALUE, "TransactWriteItems");

        assertThrows(SdkException.class, () -> faulty.handleRequest(event, null), "transient: Lambda retries");
        assertTrue(proxy.throttled() > 1, "the SDK retried the transaction: " + proxy.throttled());
        assertReadersSee("fault001", "old");
        assertEquals(
                PhotoStatus.PENDING.name(),
                profiles.profile("fault001").get(ItemAttributes.PHOTO_STATUS).s());
        Set<String> afterFailure = cropKeys("fault001");
        // old: 4 crops (its whole-photo preview is the same 400 px square as its 2x detail crop: one key);
        // new: 4 crops and its 640×480 preview; each crop's WebP twin beside it where libvips makes them
        int twins = WebpEncoder.shared().unavailable().isEmpty() ? 8 : 0;
        assertEquals(9 + twins, afterFailure.size(), "old and new crops (the new ones referenced by nothing yet)");

        proxy.forward();
        assertInstanceOf(Processed.class, faulty.process(event).getFirst(), "the retry");
        assertReadersSee("fault001", "new");
        assertEquals(afterFailure, cropKeys("fault001"), "the retry wrote the same content-addressed crops, no more");
    }

    @Test
    void crashBetweenTheCropsAndTheItemUpdateLeavesTheOldPhotoShowing() {
        S3Event event = profileWithOldPhotoWaitingForNew("fault002");
        proxy.stopAt("TransactWriteItems", false); // DynamoDB never gets the update

        assertThrows(SdkClientException.class, () -> faulty.handleRequest(event, null));
        assertReadersSee("fault002", "old");

        assertInstanceOf(Processed.class, healthy.process(event).getFirst(), "Lambda's retry");
        assertReadersSee("fault002", "new");
    }

    @Test
    void updateAppliedButItsAnswerLostMakesTheRetryANoOp() {
        S3Event event = profileWithOldPhotoWaitingForNew("fault003");
        proxy.stopAt("TransactWriteItems", true); // applied, then the connection drops

        assertThrows(SdkClientException.class, () -> faulty.handleRequest(event, null));
        assertReadersSee("fault003", "new");
        Map<String, AttributeValue> applied = profiles.profile("fault003");

        Stale retry = assertInstanceOf(Stale.class, healthy.process(event).getFirst());
        assertEquals("the profile waits for no upload", retry.why());
        assertEquals(applied, profiles.profile("fault003"), "the retry changed nothing");
    }

    @Test
    void concurrentUploadsByTheSameMemberLeaveTheLastRequestedOne() throws Exception {
        // the pipeline and the member race each other, while the emulator isolates each call as DynamoDB does
        // (moto applies a transaction to the live table and, when it is cancelled, puts back a copy of the whole
        // table: a write made meanwhile by another caller would be undone, which DynamoDB never does)
        FaultProxy isolated = FaultProxy.inFrontOf(aws.endpoint()).oneAtATime();
        DynamoDbClient serialised = AwsClients.dynamoDbBuilder()
                .endpointOverride(isolated.endpoint())
                .build();
        ThumbnailHandler healthy = new ThumbnailHandler(PhotoPipeline.from(env, aws.s3(), serialised));
        Profiles profiles = this.profiles.through(serialised);
        try (isolated;
                serialised;
                ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 4; round++) {
                String profileId = "race000" + round;
                long delayMillis = round * 250L; // from "second asked for at once" to "after the first is done"

                profiles.waitingForUpload(profileId, "first", List.of("ops"));
                S3Event first = uploads.put(
                        PhotoKeys.upload(profileId, "first"), TestImages.jpeg(TestImages.quadrants(300, 300)));
                CyclicBarrier start = new CyclicBarrier(2);
                // the first upload is processed while the member asks for, uploads and processes a second one
                Future<PhotoOutcome> firstOutcome = threads.submit(() -> {
                    start.await();
                    return healthy.process(first).getFirst();
                });
                Future<PhotoOutcome> secondOutcome = threads.submit(() -> {
                    start.await();
                    Thread.sleep(delayMillis);
                    profiles.requestUpload(profileId, "second");
                    S3Event second = uploads.put(
                            PhotoKeys.upload(profileId, "second"), TestImages.jpeg(TestImages.photoLike(300, 300)));
                    return healthy.process(second).getFirst();
                });
                PhotoOutcome a = firstOutcome.get();
                PhotoOutcome b = secondOutcome.get();
                System.out.println(profileId + ": first " + a.describe() + " | second " + b.describe());
                assertInstanceOf(Processed.class, b, "the last requested upload is always processed");
                assertReadersSee(profileId, "second");
                assertFalse(profiles.profile(profileId).containsKey(ItemAttributes.PENDING_UPLOAD_ID));
            }
        }
    }

    /** Profile and tag items show the photo of {@code uploadId}, and every crop URL on them exists. */
    private void assertReadersSee(String profileId, String uploadId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(List.of(profiles.profile(profileId)));
        items.add(profiles.tagItem(profileId, "ops"));
        if (profiles.profile(profileId).get(ItemAttributes.TAGS).l().stream().anyMatch(t -> t.s().equals("go"))) {
            items.add(profiles.tagItem(profileId, "go"));
        }
        for (Map<String, AttributeValue> item : items) {
            Map<String, AttributeValue> photo = item.get(ItemAttributes.PHOTO).m();
            assertEquals(
                    uploadId,
                    photo.get(PhotoAttributes.UPLOAD_ID).s(),
                    "item " + item.get("PK").s());
            for (CropSpec spec : CropSpec.values()) {
                String key = photoKey(photo.get(spec.attribute()).s());
                assertEquals(
                        200,
                        aws.s3()
                                .headObject(b -> b.bucket(aws.physicalName("PhotosBucket"))
                                        .key(key))
                                .sdkHttpResponse()
                                .statusCode(),
                        "a reader's URL points at a crop that exists: " + key);
            }
        }
    }

    private Set<String> cropKeys(String profileId) {
        return Set.copyOf(aws.objectKeys("PhotosBucket", PhotoKeys.cropsOf(profileId)));
    }
}
