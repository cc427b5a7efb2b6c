package dev.roster.thumbnail;

import dev.roster.core.PhotoKeys;
import dev.roster.core.UploadKey;
import dev.roster.core.observe.DynamoDbCalls;
import dev.roster.core.observe.Log;
import dev.roster.core.observe.Metrics;
import java.util.function.Function;

/**
 * What every uploaded object goes through, around the pipeline: its profile in the log context, the DynamoDB
 * call count, the metrics document, the outcome logged and counted, and a failure logged, counted and thrown
 * again (an exception is how Lambda learns to retry the event).
 */
final class PhotoInvocation {
    private PhotoInvocation() {}

    static PhotoOutcome handle(UploadedObject object, Function<UploadedObject, PhotoOutcome> pipeline) {
        Log.profileId(
                PhotoKeys.parseUpload(object.key()).map(UploadKey::profileId).orElse(null));
        DynamoDbCalls.reset();
        long started = System.nanoTime();
        Metrics metrics = Metrics.start();
        try {
            PhotoOutcome outcome = pipeline.apply(object);
            report(outcome, (System.nanoTime() - started) / 1_000_000, metrics);
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

    /** One log line and the counts of each outcome, and what an operator must act on, said apart. */
    private static void report(PhotoOutcome outcome, long elapsedMs, Metrics metrics) {
        Log.info(outcome.describe(), "outcome", outcome.getClass().getSimpleName());
        switch (outcome) {
            case PhotoOutcome.Processed processed -> {
                metrics.count("PhotosProcessed")
                        .put("ProcessingTime", elapsedMs, Metrics.Unit.MILLISECONDS)
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
    }

    private static String printable(String key) {
        return key.length() > 200 ? key.substring(0, 200) + "…" : key;
    }
}
