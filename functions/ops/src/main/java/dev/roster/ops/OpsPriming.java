package dev.roster.ops;

import dev.roster.core.Env;
import dev.roster.core.aws.PrimingClients;
import dev.roster.core.observe.Log;
import dev.roster.core.table.ItemAttributes.PhotoAttributes;
import dev.roster.core.table.PrimingItems;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.crac.Resource;

/**
 * SnapStart priming of {@code OpsFunction}: the input parsing and the import file parsers without AWS (the
 * rest is dominated by the jobs' own calls), then a dry-run reprocess through SDK clients answering in
 * memory (no network, no real credential).
 */
public final class OpsPriming implements Resource {
    private final Env env;

    public OpsPriming(Env env) {
        this.env = env;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        OpsJob.parse(Map.of("job", "import", "key", "imports/x.csv"));
        ImportFile.parse(
                "imports/x.csv", "importId,name,tags\nU1,\"Zoë, Prime\",java;go\n".getBytes(StandardCharsets.UTF_8));
        ImportFile.parse(
                "imports/x.jsonl", "{\"importId\":\"U1\",\"name\":\"Zoë\"}\n".getBytes(StandardCharsets.UTF_8));
        String community = env.optional("COMMUNITY_ID", "main");
        Log.quietly(() -> new OpsHandler(
                        env,
                        PrimingClients.dynamoDb(op -> PrimingClients.Answer.json(
                                op.equals("Scan") ? PrimingItems.profileWithOldPhoto(community) : "{}")),
                        PrimingClients.s3(request -> new PrimingClients.Answer(404, "application/xml", new byte[0])),
                        PhotoAttributes.CURRENT_SPEC_VERSION)
                .handleRequest(Map.of("job", "reprocess", "dryRun", true), null));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK clients resolve credentials and open connections on first use
    }
}
