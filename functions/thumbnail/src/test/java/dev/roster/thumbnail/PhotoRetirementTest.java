package dev.roster.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.core.Env;
import dev.roster.core.PhotoKeys;
import dev.roster.core.UploadKey;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.profile.Photo;
import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.ItemAttributes.PhotoAttributes;
import dev.roster.core.table.ProfileItems;
import dev.roster.emulator.SamTemplate;
import dev.roster.junit.FaultProxy;
import dev.roster.junit.WithLocalAws;
import dev.roster.thumbnail.PhotoOutcome.Processed;
import dev.roster.thumbnail.PhotoOutcome.Stale;
import dev.roster.thumbnail.image.CropSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * What the pipeline does with the objects of a photo that will never show again: a replaced photo's crops are
 * tagged for the photos bucket's expiry rule and its original deleted; an upload that can never become the
 * photo (overtaken, or its profile erased) has its crops and original deleted; a crop an item points to is
 * never touched. Against the emulator's S3 and DynamoDB.
 */
@WithLocalAws
class PhotoRetirementTest extends PipelineTest {
    private Env env;
    private ThumbnailHandler handler;

    @BeforeEach
    void setUp() {
        env = environment(Map.of());
        handler = new ThumbnailHandler(env);
    }

    @Test
    void aReplacedPhotosCropsAreTaggedObsoleteAndItsOriginalDeleted() {
        Photo old = photoOf("retire01", "old", TestImages.quadrants(400, 400));
        profiles.requestUpload("retire01", "new");
        Processed processed = assertInstanceOf(
                Processed.class,
                handler.process(uploads.put(
                                PhotoKeys.upload("retire01", "new"), TestImages.jpeg(TestImages.photoLike(640, 480))))
                        .getFirst());

        Set<String> oldKeys = keys("retire01", old);
        Retirement.Retired retired = assertInstanceOf(Retirement.Retired.class, processed.replaced());
        assertEquals(
                oldKeys,
                retired.keys().stream()
                        .filter(key -> key.startsWith(PhotoKeys.CROPS_PREFIX))
                        .collect(Collectors.toSet()));
        for (String key : oldKeys) {
            assertEquals(
                    Map.of(PhotoStore.OBSOLETE_TAG, PhotoStore.OBSOLETE_VALUE),
                    tags(key),
                    key + " waits for the expiry rule");
        }
        assertLiveAndUntagged("retire01", "new");
        assertFalse(originalKept("retire01", "old"), "the replaced photo's original is deleted");
        assertTrue(originalKept("retire01", "new"));
    }

    @Test
    void theSameFileUploadedAgainGetsCropsOfItsOwnSoRetiringTheOldOnesLeavesTheNewPhotoWhole() {
        byte[] same = TestImages.jpeg(TestImages.photoLike(500, 500));
        Photo old = photoOf("retire02", "old", same);
        profiles.requestUpload("retire02", "again");
        assertInstanceOf(
                Processed.class,
                handler.process(uploads.put(PhotoKeys.upload("retire02", "again"), same))
                        .getFirst());

        Set<String> oldKeys = keys("retire02", old);
        Set<String> newKeys = keys("retire02", photo("retire02"));
        assertTrue(
                oldKeys.stream().noneMatch(newKeys::contains),
                "no key shared between two uploads: " + oldKeys + newKeys);
        oldKeys.forEach(key -> assertEquals(Map.of(PhotoStore.OBSOLETE_TAG, PhotoStore.OBSOLETE_VALUE), tags(key)));
        assertLiveAndUntagged("retire02", "again");
    }

    @Test
    void theTagIsTheOneThePhotosBucketExpiresAfterADay() {
        List<Object> rules = SamTemplate.asList(
                SamTemplate.asMap(SamTemplate.properties(aws.template().resource("PhotosBucket"))
                                .get("LifecycleConfiguration"))
                        .get("Rules"));
        Map<String, Object> rule = rules.stream()
                .map(SamTemplate::asMap)
                .filter(r -> r.get("TagFilters") != null)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no tag rule: " + rules));
        assertEquals(
                List.of(Map.of("Key", PhotoStore.OBSOLETE_TAG, "Value", PhotoStore.OBSOLETE_VALUE)),
                rule.get("TagFilters"));
        assertEquals(PhotoKeys.CROPS_PREFIX, rule.get("Prefix"));
        assertEquals("Enabled", rule.get("Status"));
        assertEquals(1, ((Number) rule.get("ExpirationInDays")).intValue());
    }

    @Test
    void anUploadOvertakenBeforeItsCommitDeletesWhatItWroteAndLeavesTheLivePhotoAlone() {
        Photo live = photoOf("retire03", "live", TestImages.quadrants(300, 300));
        profiles.requestUpload("retire03", "slow");
        S3Event slow =
                uploads.put(PhotoKeys.upload("retire03", "slow"), TestImages.jpeg(TestImages.photoLike(400, 300)));
        // the member asks for yet another upload while "slow" is being cropped: its commit finds it overtaken
        ThumbnailHandler overtaken = handlerWhoseCommitFirst(() -> profiles.requestUpload("retire03", "newer"));

        Stale stale = assertInstanceOf(Stale.class, overtaken.process(slow).getFirst());
        assertEquals("the profile now waits for upload newer", stale.why());
        assertTrue(stale.cropsDeleted().orElseThrow() >= CropSpec.values().length, stale.describe());
        assertEquals(keys("retire03", live), cropKeys("retire03"), "only the live photo's crops are left");
        assertEquals(live, photo("retire03"));
        assertLiveAndUntagged("retire03", "live");
        assertFalse(originalKept("retire03", "slow"));
        assertTrue(originalKept("retire03", "live"));
    }

    @Test
    void aPhotoFinishedAfterItsProfileWasErasedLeavesNothingBehind() {
        profiles.waitingForUpload("retire04", "late", List.of("ops"));
        S3Event late =
                uploads.put(PhotoKeys.upload("retire04", "late"), TestImages.jpeg(TestImages.photoLike(400, 300)));
        // DELETE /me runs while the photo is cropped: its sweep of the profile's prefixes comes before the crops
        ThumbnailHandler afterErasure = handlerWhoseCommitFirst(() -> profiles.erase("retire04", List.of("ops")));

        Stale stale = assertInstanceOf(Stale.class, afterErasure.process(late).getFirst());
        assertEquals("the profile does not exist", stale.why());
        assertEquals(Set.of(), cropKeys("retire04"), "no crop of an erased profile");
        assertFalse(originalKept("retire04", "late"), "no original of an erased profile");
    }

    @Test
    void aRetryOfAnUploadThatCrashedBeforeItsCommitAndWasOvertakenMeanwhileCleansUp() {
        Photo live = photoOf("retire05", "live", TestImages.quadrants(300, 300));
        profiles.requestUpload("retire05", "crashed");
        S3Event crashed =
                uploads.put(PhotoKeys.upload("retire05", "crashed"), TestImages.jpeg(TestImages.photoLike(400, 300)));
        try (FaultProxy proxy = FaultProxy.inFrontOf(aws.endpoint());
                DynamoDbClient viaProxy = AwsClients.dynamoDbBuilder()
                        .endpointOverride(proxy.endpoint())
                        .build()) {
            proxy.stopAt("TransactWriteItems", false);
            ThumbnailHandler crashing = new ThumbnailHandler(PhotoPipeline.from(env, aws.s3(), viaProxy));
            assertThrows(SdkClientException.class, () -> crashing.handleRequest(crashed, null));
        }
        int left = cropKeys("retire05").size() - keys("retire05", live).size();
        assertTrue(left >= CropSpec.values().length, "the crashed attempt left its crops: " + left);
        profiles.requestUpload("retire05", "newer");

        Stale retry = assertInstanceOf(Stale.class, handler.process(crashed).getFirst(), "Lambda's retry");
        assertEquals(left, retry.cropsDeleted().orElseThrow());
        assertEquals(keys("retire05", live), cropKeys("retire05"));
        assertFalse(originalKept("retire05", "crashed"));
    }

    @Test
    void aDuplicateEventAfterSuccessTouchesNothing() {
        profiles.waitingForUpload("retire06", "once", List.of("ops"));
        S3Event event =
                uploads.put(PhotoKeys.upload("retire06", "once"), TestImages.jpeg(TestImages.photoLike(400, 300)));
        assertInstanceOf(Processed.class, handler.process(event).getFirst());
        Set<String> before = cropKeys("retire06");

        Stale duplicate = assertInstanceOf(Stale.class, handler.process(event).getFirst());
        assertTrue(duplicate.cropsDeleted().isEmpty(), duplicate.describe());
        assertEquals(before, cropKeys("retire06"));
        assertLiveAndUntagged("retire06", "once");
        assertTrue(originalKept("retire06", "once"));
    }

    /** The profile, tagged "ops", showing the photo of upload {@code uploadId} made from {@code image}. */
    private Photo photoOf(String profileId, String uploadId, java.awt.image.BufferedImage image) {
        return photoOf(profileId, uploadId, TestImages.jpeg(image));
    }

    private Photo photoOf(String profileId, String uploadId, byte[] jpeg) {
        profiles.waitingForUpload(profileId, uploadId, List.of("ops"));
        Processed first = assertInstanceOf(
                Processed.class,
                handler.process(uploads.put(PhotoKeys.upload(profileId, uploadId), jpeg))
                        .getFirst());
        assertInstanceOf(Retirement.NothingReplaced.class, first.replaced());
        return photo(profileId);
    }

    /** A pipeline whose DynamoDB client runs {@code meanwhile} once, just before the photo's transaction goes out. */
    private ThumbnailHandler handlerWhoseCommitFirst(Runnable meanwhile) {
        AtomicReference<Runnable> once = new AtomicReference<>(meanwhile);
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(List.of(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                Runnable action = context.request() instanceof TransactWriteItemsRequest ? once.getAndSet(null) : null;
                if (action != null) {
                    action.run();
                }
            }
        }));
        return new ThumbnailHandler(PhotoPipeline.from(env, aws.s3(), dynamoDb));
    }

    /** The photo on the profile item, as the functions read it (null: none). */
    private Photo photo(String profileId) {
        return ProfileItems.profile(profiles.profile(profileId)).photo();
    }

    /** The keys of every object of a photo, in every format (crops, WebP twins, preview). */
    private static Set<String> keys(String profileId, Photo photo) {
        return photo.objectUrls().stream()
                .flatMap(url -> PhotoKeys.cropKey(profileId, url).stream())
                .collect(Collectors.toSet());
    }

    /** Profile and tag items show the photo of {@code uploadId}; every object of it exists, untagged. */
    private void assertLiveAndUntagged(String profileId, String uploadId) {
        assertEquals(
                uploadId,
                profiles.tagItem(profileId, "ops")
                        .get(ItemAttributes.PHOTO)
                        .m()
                        .get(PhotoAttributes.UPLOAD_ID)
                        .s());
        Photo photo = photo(profileId);
        assertEquals(uploadId, photo.uploadId());
        Set<String> keys = keys(profileId, photo);
        assertTrue(keys.size() >= CropSpec.values().length, keys.toString());
        assertTrue(cropKeys(profileId).containsAll(keys), "every object of the live photo exists: " + keys);
        for (String key : keys) {
            assertTrue(key.startsWith(PhotoKeys.cropsOf(new UploadKey(profileId, uploadId))), key);
            assertEquals(Map.of(), tags(key), "a crop an item points to is never tagged: " + key);
        }
    }

    private Map<String, String> tags(String key) {
        return aws.s3().getObjectTagging(b -> b.bucket(photosBucket()).key(key)).tagSet().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    private Set<String> cropKeys(String profileId) {
        return Set.copyOf(aws.objectKeys("PhotosBucket", PhotoKeys.cropsOf(profileId)));
    }

    private boolean originalKept(String profileId, String uploadId) {
        try {
            aws.s3().headObject(b -> b.bucket(uploads.bucket()).key(PhotoKeys.original(profileId, uploadId)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private String photosBucket() {
        return aws.physicalName("PhotosBucket");
    }
}
