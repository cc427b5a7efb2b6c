package dev.roster.ops;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.roster.core.Env;
import dev.roster.core.FunctionSetup;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.observe.Log;
import dev.roster.core.profile.ProfileId;
import dev.roster.core.table.Claims;
import dev.roster.core.table.ItemAttributes.PhotoAttributes;
import dev.roster.core.table.ProfileTable;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code OpsFunction}: the jobs ops run by hand with {@code sam remote invoke} (README, runbook; {@link OpsJob}
 * lists their input), one function with a {@code job} field rather than two, because the jobs are run rarely,
 * by the same people, on the same table and bucket, and one more cold artifact buys nothing. Each replies with
 * counts and where to resume ({@code cursor} / {@code resumeAtLine}, null when done).
 */
public final class OpsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** Built once per execution environment, only when the real constructor runs. */
    private static final class Sdk {
        static final DynamoDbClient DYNAMO_DB = AwsClients.dynamoDbForJobs();
        static final S3Client S3 = AwsClients.s3ForJobs();
    }

    private final Reprocess reprocess;
    private final Reindex reindex;
    private final Import importer;
    private OpsPriming priming;

    public OpsHandler() {
        this(Env.system());
    }

    public OpsHandler(Env env) {
        this(env, Sdk.DYNAMO_DB, Sdk.S3, PhotoAttributes.CURRENT_SPEC_VERSION);
        this.priming = FunctionSetup.init("ops", env, new OpsPriming(env));
    }

    /** {@code targetSpecVersion}: the crop spec version the thumbnail function writes (tests may name another). */
    public OpsHandler(Env env, DynamoDbClient dynamoDb, S3Client s3, int targetSpecVersion) {
        String table = env.required("TABLE_NAME");
        String community = env.optional("COMMUNITY_ID", "main");
        UploadsBucket uploads = new UploadsBucket(s3, env.required("UPLOADS_BUCKET"));
        ProfileTable profiles = new ProfileTable(dynamoDb, table, community);
        this.reprocess = new Reprocess(profiles, uploads, targetSpecVersion);
        this.reindex = new Reindex(profiles);
        this.importer = new Import(
                profiles, new Claims(dynamoDb, table, community, Clock.systemUTC()), uploads, ProfileId::newProfileId);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Log.begin(context);
        Deadline deadline = Deadline.of(context);
        Map<String, Object> report = switch (OpsJob.parse(input)) {
            case OpsJob.ReprocessPhotos r -> reprocess.run(r.walk(), deadline).toJson();
            case OpsJob.RebuildSearchIndex r -> reindex.run(r.walk(), deadline).toJson();
            case Import.Request i -> importer.run(i, deadline).toJson(i.key());
        };
        OpsReport.publish(report);
        return report;
    }
}
