package dev.roster.thumbnail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.core.Env;
import dev.roster.core.FunctionSetup;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.observe.Log;
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
        PhotoPipeline.reportJpegEncoder(pipeline.nativeJpeg(), pipeline.jpegImageIoOnly());
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
        return PhotoInvocation.handle(object, pipeline::handle);
    }
}
