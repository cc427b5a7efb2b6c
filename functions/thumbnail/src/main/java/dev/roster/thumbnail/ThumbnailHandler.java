package dev.roster.thumbnail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.core.Env;
import dev.roster.core.aws.AwsClients;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.List;

/**
 * {@code ThumbnailFunction}: crops each photo that lands under {@code uploads/} once and puts the URLs on
 * the profile's items. A rejected, stale or ignored upload is a success; an exception means "retry".
 */
public final class ThumbnailHandler implements RequestHandler<S3Event, Void>, Resource {
    private static final S3Client S3 = AwsClients.s3();
    private static final DynamoDbClient DYNAMO_DB = AwsClients.dynamoDb();

    private final PhotoPipeline pipeline;

    public ThumbnailHandler() {
        this(Env.system());
    }

    public ThumbnailHandler(Env env) {
        this(PhotoPipeline.from(env, S3, DYNAMO_DB));
    }

    public ThumbnailHandler(PhotoPipeline pipeline) {
        this.pipeline = pipeline;
        Core.getGlobalContext().register(this);
    }

    /** SnapStart: snapshot after the image code has run once (the first real photo would pay for it otherwise). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        pipeline.primeImageCode();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK clients resolve credentials and open connections on first use
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        process(event);
        return null;
    }

    /** Handles every record of the event in order; the outcomes are logged and returned. */
    public List<PhotoOutcome> process(S3Event event) {
        return event.getRecords().stream().map(record -> {
            PhotoOutcome outcome = pipeline.handle(UploadedObject.of(record));
            System.out.println(outcome.describe());
            return outcome;
        }).toList();
    }
}
