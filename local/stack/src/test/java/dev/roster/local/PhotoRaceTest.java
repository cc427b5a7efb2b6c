package dev.roster.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.core.Env;
import dev.roster.core.PhotoKeys;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.http.ApiEvents;
import dev.roster.core.json.Json;
import dev.roster.emulator.LocalAws;
import dev.roster.emulator.S3NotificationQueue;
import dev.roster.junit.FaultProxy;
import dev.roster.junit.WithLocalAws;
import dev.roster.profile.ProfileHandler;
import dev.roster.thumbnail.PhotoOutcome;
import dev.roster.thumbnail.PhotoPipeline;
import dev.roster.thumbnail.PhotoStore;
import dev.roster.thumbnail.ThumbnailHandler;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A member's photo requests racing the thumbnail function, through both functions as deployed: two uploads
 * of the same member, an upload against {@code DELETE /me/photo}, an upload against {@code DELETE /me}. Every
 * DynamoDB call goes through a proxy that isolates it, as DynamoDB does (moto's transactions are not
 * isolated), so what races is the callers. Whatever the order, at the end the items point to crops that
 * exist and are not tagged obsolete, every other crop of the member is tagged obsolete or gone, and only the
 * live photo's original is kept.
 */
@WithLocalAws
class PhotoRaceTest {
    private static final String PHOTOS = "https://photos.roster.test";
    private static final int ROUNDS = 4;
    private static final long STEP_MILLIS = 150;

    private LocalAws aws;
    private FaultProxy isolated;
    private DynamoDbClient dynamoDb;
    private ProfileHandler profiles;
    private ThumbnailHandler thumbnails;
    private Env thumbnailEnv;
    private ExecutorService threads;

    @BeforeEach
    void setUp(LocalAws aws) {
        this.aws = aws;
        isolated = FaultProxy.inFrontOf(aws.endpoint()).oneAtATime();
        dynamoDb = AwsClients.dynamoDbBuilder()
                .endpointOverride(isolated.endpoint())
                .build();
        profiles = new ProfileHandler(
                new Env(aws.functionEnvironment("ProfileFunction", Map.of())),
                dynamoDb,
                AwsClients.s3Presigner(),
                aws.s3());
        thumbnailEnv = new Env(aws.functionEnvironment("ThumbnailFunction", Map.of("PHOTOS_BASE_URL", PHOTOS)));
        thumbnails = new ThumbnailHandler(PhotoPipeline.from(thumbnailEnv, aws.s3(), dynamoDb));
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        threads.close();
        dynamoDb.close();
        isolated.close();
    }

    @Test
    void twoUploadsOfTheSameMemberLeaveTheLastOneLiveAndRetireEverythingElse() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String sub = "racer-" + round;
            String id = join(sub);
            Race<PhotoOutcome> race = race(
                    upload(sub, id, Color.RED),
                    round,
                    () -> thumbnails.process(upload(sub, id, Color.BLUE)).getFirst());
            System.out.println(id + ": first " + race.upload().describe() + " | second "
                    + race.other().describe());

            assertInstanceOf(PhotoOutcome.Processed.class, race.other(), "the last requested upload is the photo");
            Map<String, Object> me = me(sub);
            assertEquals("READY", me.get("photoStatus"));
            assertOnlyTheLivePhotoIsKept(id, me);
        }
    }

    @Test
    void anUploadRacingDeleteMePhotoLeavesNoPhotoAndNoObjectThatIsNotRetired() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String sub = "remover-" + round;
            String id = joinWithPhoto(sub);
            Race<Integer> race = race(
                    upload(sub, id, Color.RED),
                    round,
                    () -> send(ApiEvents.route("DELETE /me/photo").as(sub)).getStatusCode());
            assertEquals(204, race.other());
            System.out.println(id + ": upload " + race.upload().describe());

            Map<String, Object> me = me(sub);
            assertNull(me.get("photo"), "DELETE /me/photo came last: no photo, whatever the upload did");
            assertEquals("NONE", me.get("photoStatus"));
            assertOnlyTheLivePhotoIsKept(id, me);
        }
    }

    @Test
    void aPhotoWhoseProcessingEndsAfterTheMemberLeftLeavesNothingBehind() {
        String sub = "leaver";
        String id = join(sub);
        S3Event upload = upload(sub, id, Color.BLUE);
        // DELETE /me runs while the photo is being cropped: after the pipeline found the profile waiting for this
        // upload, before it writes its first crop (so DELETE /me's sweep of the profile's prefixes misses them)
        AtomicReference<Runnable> once = new AtomicReference<>(() -> {
            APIGatewayV2HTTPResponse left =
                    send(ApiEvents.route("DELETE /me").as(sub).header("if-match", etag(sub)));
            assertEquals(204, left.getStatusCode(), left.getBody());
        });
        S3Client leavesMidway = S3Client.builder()
                .httpClient(AwsClients.httpClient())
                .forcePathStyle(true)
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        Runnable action = context.request() instanceof PutObjectRequest put
                                        && put.key().startsWith(PhotoKeys.CROPS_PREFIX)
                                ? once.getAndSet(null)
                                : null;
                        if (action != null) {
                            action.run();
                        }
                    }
                }))
                .build();
        try (leavesMidway) {
            PhotoOutcome outcome = new ThumbnailHandler(PhotoPipeline.from(thumbnailEnv, leavesMidway, dynamoDb))
                    .process(upload)
                    .getFirst();

            PhotoOutcome.Stale stale = assertInstanceOf(PhotoOutcome.Stale.class, outcome);
            assertEquals("the profile does not exist", stale.why());
            assertTrue(
                    stale.cropsDeleted().orElseThrow() >= 4,
                    "the crops it wrote after the member left: " + stale.describe());
        }
        assertEquals(404, send(ApiEvents.route("GET /me").as(sub)).getStatusCode());
        assertEquals(List.of(), keys("PhotosBucket", PhotoKeys.cropsOf(id)), "no crop left");
        assertEquals(List.of(), keys("UploadsBucket", PhotoKeys.original(id, "")), "no original left");
    }

    @Test
    void anUploadRacingDeleteMeLeavesNothingBehindWhicheverComesFirst() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String sub = "goner-" + round;
            String id = joinWithPhoto(sub);
            Race<Integer> race = race(upload(sub, id, Color.RED), round, () -> leave(sub));
            assertEquals(204, race.other());
            System.out.println(id + ": upload " + race.upload().describe());

            assertEquals(404, send(ApiEvents.route("GET /me").as(sub)).getStatusCode());
            // the upload either went live first (and DELETE /me swept it with the old photo) or found the
            // profile gone at its commit (and deleted what it wrote)
            assertEquals(List.of(), keys("PhotosBucket", PhotoKeys.cropsOf(id)), "no crop left");
            assertEquals(List.of(), keys("UploadsBucket", PhotoKeys.original(id, "")), "no original left");
        }
    }

    /** What the pipeline made of the upload, and what the request racing it answered. */
    private record Race<T>(PhotoOutcome upload, T other) {}

    /**
     * The pipeline processes {@code upload} while {@code other} runs on a second thread, both released together,
     * {@code other} after {@code round} steps of {@link #STEP_MILLIS}: the rounds move it from "at once" to "after
     * the pipeline is done".
     */
    private <T> Race<T> race(S3Event upload, int round, Callable<T> other) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<PhotoOutcome> processing = threads.submit(() -> {
            start.await();
            return thumbnails.process(upload).getFirst();
        });
        Future<T> racing = threads.submit(() -> {
            start.await();
            Thread.sleep(round * STEP_MILLIS);
            return other.call();
        });
        return new Race<>(processing.get(), racing.get());
    }

    /** A member whose profile shows a processed photo; their profile id. */
    private String joinWithPhoto(String sub) {
        String id = join(sub);
        assertInstanceOf(
                PhotoOutcome.Processed.class,
                thumbnails.process(upload(sub, id, Color.GREEN)).getFirst());
        return id;
    }

    /**
     * The items name the photo GET /me shows (or none); every crop they name exists untagged; every other crop
     * of the member is tagged obsolete or gone; the only original kept is the live photo's.
     */
    private void assertOnlyTheLivePhotoIsKept(String id, Map<String, Object> me) {
        @SuppressWarnings("unchecked")
        Map<String, Object> photo = (Map<String, Object>) me.get("photo");
        Set<String> live = new java.util.HashSet<>();
        if (photo != null) {
            urls(photo).flatMap(url -> PhotoKeys.cropKey(id, url).stream()).forEach(live::add);
            @SuppressWarnings("unchecked")
            Map<String, Object> crop = (Map<String, Object>) me.get("photoCrop");
            if (crop != null && crop.get("preview") instanceof String preview) {
                PhotoKeys.cropKey(id, preview).ifPresent(live::add);
            }
            Map<String, Object> seen = Json.parseTrusted(
                    send(ApiEvents.route("GET /profiles/{id}").as("reader").pathParameter("id", id))
                            .getBody());
            assertEquals(photo, seen.get("photo"), "what others see is the same photo");
            assertTrue(live.size() >= 4, "the photo's crops: " + live);
        }
        List<String> stored = keys("PhotosBucket", PhotoKeys.cropsOf(id));
        assertTrue(stored.containsAll(live), "every crop the items point to exists: " + live + " in " + stored);
        for (String key : stored) {
            Map<String, String> expected =
                    live.contains(key) ? Map.of() : Map.of(PhotoStore.OBSOLETE_TAG, PhotoStore.OBSOLETE_VALUE);
            assertEquals(
                    expected,
                    tags(key),
                    (live.contains(key) ? "live, never tagged: " : "not pointed to, retired: ") + key);
        }
        String liveUpload = live.isEmpty() ? null : live.iterator().next().split("/")[2];
        assertEquals(
                liveUpload == null ? List.of() : List.of(PhotoKeys.original(id, liveUpload)),
                keys("UploadsBucket", PhotoKeys.original(id, "")),
                "only the live photo's original is kept");
    }

    /** Every URL in a photo as the API shows it, the WebP ones under {@code webp} included. */
    private static java.util.stream.Stream<String> urls(Object json) {
        return switch (json) {
            case String url -> java.util.stream.Stream.of(url);
            case Map<?, ?> map -> map.values().stream().flatMap(PhotoRaceTest::urls);
            default -> java.util.stream.Stream.empty();
        };
    }

    private String join(String sub) {
        APIGatewayV2HTTPResponse created = send(ApiEvents.route("PUT /me")
                .as(sub)
                .body("{\"name\":\"Racer " + sub + "\",\"visible\":true,\"tags\":[\"race\"]}"));
        assertEquals(201, created.getStatusCode(), created.getBody());
        return (String) Json.parseTrusted(created.getBody()).get("id");
    }

    /** {@code POST /me/photo}, the browser's PUT of a one-colour PNG, and the event S3 sends for it. */
    private S3Event upload(String sub, String id, Color colour) {
        byte[] png = png(colour);
        APIGatewayV2HTTPResponse granted = send(ApiEvents.route("POST /me/photo")
                .as(sub)
                .body("{\"contentType\":\"image/png\",\"contentLength\":" + png.length + "}"));
        assertEquals(201, granted.getStatusCode(), granted.getBody());
        String key = PhotoKeys.upload(
                id, (String) Json.parseTrusted(granted.getBody()).get("uploadId"));
        String bucket = aws.physicalName("UploadsBucket");
        aws.s3().putObject(b -> b.bucket(bucket).key(key).contentType("image/png"), RequestBody.fromBytes(png));
        return S3NotificationQueue.parse("""
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                 "eventTime":"2026-12-01T10:15:30.123Z","eventName":"ObjectCreated:Put",
                 "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},
                       "object":{"key":"%s","size":%d}}}]}
                """.formatted(bucket, bucket, key, png.length));
    }

    /** {@code DELETE /me} as a client does it: with the ETag of the profile it last read, again if that went stale. */
    private int leave(String sub) {
        for (int attempt = 0; attempt < 5; attempt++) {
            APIGatewayV2HTTPResponse left =
                    send(ApiEvents.route("DELETE /me").as(sub).header("if-match", etag(sub)));
            if (left.getStatusCode() != 412) {
                return left.getStatusCode();
            }
        }
        throw new AssertionError("DELETE /me stayed stale five times");
    }

    private String etag(String sub) {
        return send(ApiEvents.route("GET /me").as(sub)).getHeaders().get("etag");
    }

    private Map<String, Object> me(String sub) {
        APIGatewayV2HTTPResponse me = send(ApiEvents.route("GET /me").as(sub));
        assertEquals(200, me.getStatusCode(), me.getBody());
        return Json.parseTrusted(me.getBody());
    }

    private APIGatewayV2HTTPResponse send(ApiEvents event) {
        return profiles.handle(event.stream());
    }

    private List<String> keys(String bucketLogicalId, String prefix) {
        return aws.objectKeys(bucketLogicalId, prefix);
    }

    private Map<String, String> tags(String key) {
        Map<String, String> tags = new HashMap<>();
        aws.s3()
                .getObjectTagging(
                        b -> b.bucket(aws.physicalName("PhotosBucket")).key(key))
                .tagSet()
                .forEach(tag -> tags.put(tag.key(), tag.value()));
        return tags;
    }

    private static byte[] png(Color colour) {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
