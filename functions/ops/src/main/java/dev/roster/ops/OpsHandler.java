package dev.roster.ops;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.roster.core.Env;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.aws.PrimingClients;
import dev.roster.core.json.JsonFields;
import dev.roster.core.observe.Log;
import dev.roster.core.observe.Metrics;
import dev.roster.core.profile.ProfileId;
import dev.roster.core.table.ItemAttributes.PhotoAttributes;
import dev.roster.core.table.Claims;
import dev.roster.core.table.ProfileTable;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code OpsFunction}: the jobs ops run by hand with {@code sam remote invoke} (README, runbook), one
 * function with a {@code job} field rather than two, because both jobs are run rarely, by the same people,
 * on the same table and bucket, and one more cold artifact buys nothing:
 * <ul>
 *   <li>{@code {"job":"reprocess", "cursor":…, "maxProfiles":1000, "perSecond":5, "dryRun":false}}</li>
 *   <li>{@code {"job":"import", "key":"imports/members.csv", "fromLine":1, "perSecond":10}}</li>
 *   <li>{@code {"job":"reindex", "cursor":…, "maxProfiles":1000, "perSecond":10, "dryRun":false}}: the search
 *   index of profiles written before it (docs/design.md, <em>Search</em>)</li>
 * </ul>
 * Both reply with counts and where to resume ({@code cursor} / {@code resumeAtLine}, null when done).
 */
public final class OpsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, Resource {
    private static final Set<String> FIELDS = Set.of("job", "cursor", "maxProfiles", "perSecond", "dryRun", "key", "fromLine");

    /** Built once per execution environment, only when the real constructor runs. */
    private static final class Sdk {
        static final DynamoDbClient DYNAMO_DB = AwsClients.dynamoDbForJobs();
        static final S3Client S3 = AwsClients.s3ForJobs();
    }

    /** A profile whose photo is made to spec version 0, as a Scan page answers, for priming. */
    static final String SAMPLE_SCAN = """
            {"Count":1,"ScannedCount":1,"Items":[{"PK":{"S":"C#main#P#AAAAAAAA"},"SK":{"S":"PROFILE"},
             "profileId":{"S":"AAAAAAAA"},"photo":{"M":{"uploadId":{"S":"priming"},"specVersion":{"N":"0"}}}}]}""";

    private final Reprocess reprocess;
    private final Reindex reindex;
    private final Import importer;
    private Runnable primeRequests = () -> { };

    public OpsHandler() {
        this(Env.system());
    }

    public OpsHandler(Env env) {
        this(env, Sdk.DYNAMO_DB, Sdk.S3, PhotoAttributes.CURRENT_SPEC_VERSION);
        this.primeRequests = () -> Log.quietly(() -> new OpsHandler(env,
                PrimingClients.dynamoDb(op -> PrimingClients.Answer.json(op.equals("Scan") ? SAMPLE_SCAN : "{}")),
                PrimingClients.s3(request -> new PrimingClients.Answer(404, "application/xml", new byte[0])),
                PhotoAttributes.CURRENT_SPEC_VERSION).handleRequest(Map.of("job", "reprocess", "dryRun", true), null));
        Log.function("ops");
        Metrics.namespace(env.optional("METRICS_NAMESPACE", Metrics.DEFAULT_NAMESPACE));
        Core.getGlobalContext().register(this);
    }

    /** {@code targetSpecVersion}: the crop spec version the thumbnail function writes (tests may name another). */
    public OpsHandler(Env env, DynamoDbClient dynamoDb, S3Client s3, int targetSpecVersion) {
        String table = env.required("TABLE_NAME");
        String community = env.optional("COMMUNITY_ID", "main");
        UploadsBucket uploads = new UploadsBucket(s3, env.required("UPLOADS_BUCKET"));
        ProfileTable profiles = new ProfileTable(dynamoDb, table, community);
        this.reprocess = new Reprocess(profiles, uploads, targetSpecVersion);
        this.reindex = new Reindex(profiles);
        this.importer = new Import(profiles, new Claims(dynamoDb, table, community, Clock.systemUTC()), uploads,
                ProfileId::newProfileId);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // input parsing and the import parsers, without AWS: the rest is dominated by the jobs' own calls
        request(Map.of("job", "import", "key", "imports/x.csv"));
        ImportFile.parse("imports/x.csv", "importId,name,tags\nU1,\"Zoë, Prime\",java;go\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ImportFile.parse("imports/x.jsonl", "{\"importId\":\"U1\",\"name\":\"Zoë\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // a dry-run reprocess through SDK clients answering in memory (no network, no real credential)
        primeRequests.run();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK clients resolve credentials and open connections on first use
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Log.begin(context);
        Deadline deadline = Deadline.of(context);
        Map<String, Object> report = switch (request(input)) {
            case Job.Reprocess r -> reprocess.run(r.walk(), deadline).toJson();
            case Import.Request i -> importer.run(i, deadline).toJson(i.key());
            case Job.Reindex r -> reindex.run(r.walk(), deadline).toJson();
            default -> throw new IllegalStateException("unreachable");
        };
        Metrics metrics = Metrics.start();
        report.forEach((name, value) -> {
            if (value instanceof Integer count && !name.equals("targetSpecVersion")) {
                metrics.put(report.get("job") + "." + name, count, Metrics.Unit.COUNT);
            }
        });
        metrics.flush();
        // counts and where to resume only: the per-row reasons (which may quote a row's fields) stay in the reply
        Map<String, Object> summary = new java.util.LinkedHashMap<>(report);
        summary.remove("notes");
        summary.remove("errors");
        Log.info(report.get("job") + " finished", "report", summary);
        return report;
    }

    /** The walking jobs, told apart by type. */
    interface Job {
        record Reprocess(ProfileWalk.Request walk) implements Job {
        }

        record Reindex(ProfileWalk.Request walk) implements Job {
        }
    }

    /** The job the input asks for; anything unclear is refused before any work, with what to send instead. */
    static Record request(Map<String, Object> input) {
        JsonFields fields = new JsonFields(input == null ? Map.of() : input, FIELDS);
        String job = fields.string("job");
        if ("reprocess".equals(job)) {
            return new Job.Reprocess(ProfileWalk.Request.from(fields, Reprocess.DEFAULT_PER_SECOND));
        }
        if ("reindex".equals(job)) {
            return new Job.Reindex(ProfileWalk.Request.from(fields, Reindex.DEFAULT_PER_SECOND));
        }
        if ("import".equals(job)) {
            String key = fields.string("key");
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("import needs \"key\": the file's key in the uploads bucket, e.g. imports/members.csv");
            }
            Long fromLine = fields.wholeNumber("fromLine");
            Long perSecond = fields.wholeNumber("perSecond");
            return new Import.Request(key.strip(), fromLine == null ? 1 : (int) Math.max(1, fromLine),
                    perSecond == null ? Import.Request.DEFAULT_PER_SECOND : perSecond);
        }
        throw new IllegalArgumentException("\"job\" must be \"reprocess\", \"import\" or \"reindex\", was " + (job == null ? "missing" : "'" + job + "'")
                + "; e.g. {\"job\":\"reprocess\",\"dryRun\":true}");
    }
}
