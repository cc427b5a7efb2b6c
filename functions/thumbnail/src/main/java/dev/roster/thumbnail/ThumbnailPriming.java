package dev.roster.thumbnail;

import dev.roster.core.Env;
import dev.roster.core.PhotoKeys;
import dev.roster.core.aws.PrimingClients;
import dev.roster.core.observe.Log;
import dev.roster.core.table.PrimingItems;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SnapStart priming of {@code ThumbnailFunction}: before the snapshot, the image code runs once on a photo made
 * in memory (the first real photo would pay for loading the codecs otherwise), then one upload goes end to
 * end (profile read, upload read, four crops stored, original kept, the photo transaction, log and metric
 * lines) through fully built SDK clients whose S3 and DynamoDB answer in memory: the SDK's marshalling,
 * signing, checksums and parsing are in the snapshot, with no network call and no real credential.
 */
public final class ThumbnailPriming implements Resource {
    private static final String UPLOAD_ID = "priming";

    private final Env env;

    public ThumbnailPriming(Env env) {
        this.env = env;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        String community = env.required("COMMUNITY_ID");
        AtomicReference<byte[]> jpeg = new AtomicReference<>();
        S3Client s3 = PrimingClients.s3(request -> switch (request.method()) {
            case GET -> PrimingClients.Answer.bytes("image/jpeg", jpeg.get());
            default ->
                request.firstMatchingHeader("x-amz-copy-source").isPresent()
                        ? PrimingClients.Answer.xml("<CopyObjectResult><ETag>\"priming\"</ETag></CopyObjectResult>")
                        : PrimingClients.Answer.bytes("application/xml", new byte[0]);
        });
        DynamoDbClient dynamoDb = PrimingClients.dynamoDb(op -> PrimingClients.Answer.json(
                op.equals("GetItem") ? PrimingItems.profileWaitingFor(community, UPLOAD_ID) : "{}"));
        PhotoPipeline pipeline = PhotoPipeline.from(env, s3, dynamoDb);
        pipeline.primeImageCode();
        jpeg.set(pipeline.samplePhoto());
        ThumbnailHandler primed = new ThumbnailHandler(pipeline);
        Log.quietly(() -> {
            PhotoOutcome outcome = primed.handle(new UploadedObject(
                    "priming",
                    PhotoKeys.upload(PrimingItems.PROFILE_ID, UPLOAD_ID),
                    OptionalLong.of(jpeg.get().length)));
            if (!(outcome instanceof PhotoOutcome.Processed)) {
                throw new IllegalStateException("priming upload was not processed: " + outcome.describe());
            }
        });
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK clients resolve credentials and open connections on first use
    }
}
