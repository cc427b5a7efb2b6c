package dev.roster.thumbnail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.core.Env;
import dev.roster.core.FunctionSetup;
import dev.roster.core.PhotoKeys;
import dev.roster.core.UploadKey;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.observe.DynamoDbCalls;
import dev.roster.core.observe.Log;
import dev.roster.core.observe.Metrics;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ThumbnailFunction}: crops each photo that lands under {@code uploads/} once and puts the URLs on
 * the profile's items. A rejected, stale or ignored upload is a success; an exception means "retry".
 */
public final class ThumbnailHandler implements RequestHandler<S3Event, Void> {
    private static final S3Client S3 = AwsClients.s3();
    private static final DynamoDbClient DYNAMO_DB = AwsClients.dynamoDb();

    private final PhotoPipeline pipeline;
    private ThumbnailPriming priming;

    public ThumbnailHandler() {
        this(Env.system());
    }

    public ThumbnailHandler(Env env) {
        this(PhotoPipeline.from(env, S3, DYNAMO_DB));
        this.priming = FunctionSetup.init("thumbnail", env, new ThumbnailPriming(env));
        PhotoPipeline.reportDecoder(pipeline.nativeJpeg());
        PhotoPipeline.reportWebp(pipeline.webpUnavailable());
    }

    public ThumbnailHandler(PhotoPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        Log.begin(context);
        process(event);
        return null;
    }

    /** Handles every record of the event in order; the outcomes are logged, counted and returned. */
    public List<PhotoOutcome> process(S3Event event) {
        return event.getRecords().stream()
                .map(record -> handle(UploadedObject.of(record)))
                .toList();
    }

    PhotoOutcome handle(UploadedObject object) {
        Log.profileId(
                PhotoKeys.parseUpload(object.key()).map(UploadKey::profileId).orElse(null));
        DynamoDbCalls.reset();
        long started = System.nanoTime();
        Metrics metrics = Metrics.start();
        try {
            PhotoOutcome outcome = pipeline.handle(object);
            Log.info(outcome.describe(), "outcome", outcome.getClass().getSimpleName());
            switch (outcome) {
                case PhotoOutcome.Processed processed -> {
                    metrics.count("PhotosProcessed")
                            .put("ProcessingTime", (System.nanoTime() - started) / 1_000_000, Metrics.Unit.MILLISECONDS)
                            .put(
                                    "SourceMegapixels",
                                    processed.photo().sourceWidth()
                                            * (double) processed.photo().sourceHeight()
                                            / 1e6,
                                    Metrics.Unit.NONE);
                    if (processed.webpFailure().isPresent()) {
                        Log.warn(
                                "photo stored as JPEG only: its WebP encoding failed",
                                "reason",
                                processed.webpFailure().get());
                        metrics.count("WebpFailures");
                    }
                    if (processed.replaced() instanceof Retirement.Failed failed) {
                        Log.error(
                                "the replaced photo's objects could not be retired; nothing points to them, delete them"
                                        + " by hand (crops under photos/, the original under originals/)",
                                null,
                                "cropUrls",
                                failed.cropUrls(),
                                "originalUploadId",
                                failed.uploadId(),
                                "reason",
                                failed.reason());
                        metrics.count("RetirementFailures");
                    }
                }
                case PhotoOutcome.Rejected rejected ->
                    metrics.count("PhotosRejected").by("Reason", RejectionCategory.of(rejected.reason()));
                case PhotoOutcome.Stale stale -> metrics.count("StaleEvents");
                case PhotoOutcome.Ignored ignored -> metrics.count("IgnoredEvents");
            }
            return outcome;
        } catch (RuntimeException e) {
            Log.error("photo failed; Lambda retries the event", e, "key", printable(object.key()));
            metrics.count("PhotoFailures");
            throw e;
        } finally {
            metrics.put("DynamoDbCalls", DynamoDbCalls.count(), Metrics.Unit.COUNT)
                    .flush();
        }
    }

    private static String printable(String key) {
        return key.length() > 200 ? key.substring(0, 200) + "…" : key;
    }
}
