package dev.roster.thumbnail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.core.Env;
import dev.roster.core.PhotoKeys;
import dev.roster.core.UploadKey;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.aws.PrimingClients;
import dev.roster.core.observe.DynamoDbCalls;
import dev.roster.core.observe.Log;
import dev.roster.core.observe.Metrics;
import dev.roster.thumbnail.image.Libvips;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.List;
import java.util.OptionalLong;

/**
 * {@code ThumbnailFunction}: crops each photo that lands under {@code uploads/} once and puts the URLs on
 * the profile's items. A rejected, stale or ignored upload is a success; an exception means "retry".
 */
public final class ThumbnailHandler implements RequestHandler<S3Event, Void>, Resource {
    private static final S3Client S3 = AwsClients.s3();
    private static final DynamoDbClient DYNAMO_DB = AwsClients.dynamoDb();

    /** A profile waiting for upload {@code priming}, as DynamoDB answers GetItem, for priming. */
    static final String SAMPLE_PROFILE = """
            {"Item":{"PK":{"S":"C#main#P#AAAAAAAA"},"SK":{"S":"PROFILE"},"profileId":{"S":"AAAAAAAA"},
             "pendingUploadId":{"S":"priming"},"version":{"N":"3"},"tags":{"L":[{"S":"java"},{"S":"go"}]},
             "sortName":{"S":"zoe prime"},"visible":{"BOOL":true}}}""";

    private final PhotoPipeline pipeline;
    private Runnable primeRequests = () -> { };

    public ThumbnailHandler() {
        this(Env.system());
    }

    public ThumbnailHandler(Env env) {
        this(PhotoPipeline.from(env, S3, DYNAMO_DB));
        this.primeRequests = () -> primeRequests(env);
        Log.function("thumbnail");
        Metrics.namespace(env.optional("METRICS_NAMESPACE", Metrics.DEFAULT_NAMESPACE));
        reportDecoder(pipeline.nativeJpeg());
    }

    /** At init (before the SnapStart snapshot): which JPEG decoder this environment uses, once. */
    static void reportDecoder(Libvips.Availability nativeJpeg) {
        switch (nativeJpeg) {
            case Libvips.Availability.Loaded loaded -> Log.info("JPEGs are decoded by libvips " + loaded.libvips().version());
            case Libvips.Availability.Unavailable unavailable -> {
                Log.warn("native JPEG decoder unavailable, JPEGs are decoded by the JDK (same crops, slower): "
                        + unavailable.reason());
                Metrics.start().count("NativeDecoderUnavailable").flush();
            }
        }
    }

    public ThumbnailHandler(PhotoPipeline pipeline) {
        this(pipeline, true);
    }

    private ThumbnailHandler(PhotoPipeline pipeline, boolean register) {
        this.pipeline = pipeline;
        if (register) {
            Core.getGlobalContext().register(this);
        }
    }

    /** SnapStart: snapshot after the image code has run once (the first real photo would pay for it otherwise). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        pipeline.primeImageCode();
        primeRequests.run();
    }

    /**
     * One upload end to end (profile read, upload read, four crops stored, original kept, the photo
     * transaction, log and metric lines) through fully built SDK clients whose S3 and DynamoDB answer in
     * memory: the SDK's marshalling, signing, checksums and parsing are in the snapshot, with no network
     * call and no real credential.
     */
    private void primeRequests(Env env) {
        byte[] jpeg = pipeline.samplePhoto();
        S3Client s3 = PrimingClients.s3(request -> switch (request.method()) {
            case GET -> PrimingClients.Answer.bytes("image/jpeg", jpeg);
            default -> request.firstMatchingHeader("x-amz-copy-source").isPresent()
                    ? PrimingClients.Answer.xml("<CopyObjectResult><ETag>\"priming\"</ETag></CopyObjectResult>")
                    : PrimingClients.Answer.bytes("application/xml", new byte[0]);
        });
        DynamoDbClient dynamoDb = PrimingClients.dynamoDb(op -> PrimingClients.Answer.json(op.equals("GetItem") ? SAMPLE_PROFILE : "{}"));
        ThumbnailHandler primed = new ThumbnailHandler(PhotoPipeline.from(env, s3, dynamoDb), false);
        Log.quietly(() -> {
            PhotoOutcome outcome = primed.handle(new UploadedObject("priming", "uploads/AAAAAAAA/priming", OptionalLong.of(jpeg.length)));
            if (!(outcome instanceof PhotoOutcome.Processed)) {
                throw new IllegalStateException("priming upload was not processed: " + outcome.describe());
            }
        });
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK clients resolve credentials and open connections on first use
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        Log.begin(context);
        process(event);
        return null;
    }

    /** Handles every record of the event in order; the outcomes are logged, counted and returned. */
    public List<PhotoOutcome> process(S3Event event) {
        return event.getRecords().stream().map(record -> handle(UploadedObject.of(record))).toList();
    }

    private PhotoOutcome handle(UploadedObject object) {
        Log.profileId(PhotoKeys.parseUpload(object.key()).map(UploadKey::profileId).orElse(null));
        DynamoDbCalls.reset();
        long started = System.nanoTime();
        Metrics metrics = Metrics.start();
        try {
            PhotoOutcome outcome = pipeline.handle(object);
            Log.info(outcome.describe(), "outcome", outcome.getClass().getSimpleName());
            switch (outcome) {
                case PhotoOutcome.Processed processed -> metrics.count("PhotosProcessed")
                        .put("ProcessingTime", (System.nanoTime() - started) / 1_000_000, Metrics.Unit.MILLISECONDS)
                        .put("SourceMegapixels", processed.photo().sourceWidth() * (double) processed.photo().sourceHeight() / 1e6,
                                Metrics.Unit.NONE);
                case PhotoOutcome.Rejected rejected -> metrics.count("PhotosRejected")
                        .by("Reason", RejectionCategory.of(rejected.reason()));
                case PhotoOutcome.Stale stale -> metrics.count("StaleEvents");
                case PhotoOutcome.Ignored ignored -> metrics.count("IgnoredEvents");
            }
            return outcome;
        } catch (RuntimeException e) {
            Log.error("photo failed; Lambda retries the event", e, "key", printable(object.key()));
            metrics.count("PhotoFailures");
            throw e;
        } finally {
            metrics.put("DynamoDbCalls", DynamoDbCalls.count(), Metrics.Unit.COUNT).flush();
        }
    }

    private static String printable(String key) {
        return key.length() > 200 ? key.substring(0, 200) + "…" : key;
    }
}
