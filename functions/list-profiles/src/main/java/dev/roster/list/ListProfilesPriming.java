package dev.roster.list;

import dev.roster.core.Env;
import dev.roster.core.aws.PrimingClients;
import dev.roster.core.http.ApiEvents;
import dev.roster.core.http.Membership;
import dev.roster.core.observe.Log;
import dev.roster.core.table.PrimingItems;
import java.time.Clock;
import java.util.Map;
import org.crac.Resource;

/**
 * SnapStart priming of {@code ListProfilesFunction}: before the snapshot, both routes run end to end as Lambda
 * runs them (event JSON read, query checked, the Query through an SDK client configured as the real one, cards
 * mapped, the cursor signed and checked, the response JSON written), the list unfiltered and filtered, against
 * DynamoDB answers made in memory: no network, no credentials in the snapshot.
 */
public final class ListProfilesPriming implements Resource {
    private final Env env;

    public ListProfilesPriming(Env env) {
        this.env = env;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        String community = env.optional("COMMUNITY_ID", "main");
        Membership membership = Membership.from(env);
        Log.quietly(() -> {
            var pages = new ListProfilesHandler(
                    env,
                    PrimingClients.dynamoDb(op -> PrimingClients.Answer.json(PrimingItems.cardPage(community))),
                    Clock.systemUTC());
            var tags = new ListProfilesHandler(
                    env,
                    PrimingClients.dynamoDb(op -> PrimingClients.Answer.json(PrimingItems.tagCounts(community))),
                    Clock.systemUTC());
            // the directory's first page, what most requests are: the GSI1 Query (filters take other paths)
            ApiEvents.route("GET /profiles")
                    .asMember(membership, ApiEvents.PRIMING_SUB)
                    .query("limit=24")
                    .sendTo(pages, 200);
            String query = "limit=24&tag=" + PrimingItems.TAG + "&q=zo";
            Map<String, Object> first = ApiEvents.route("GET /profiles")
                    .asMember(membership, ApiEvents.PRIMING_SUB)
                    .query(query)
                    .sendTo(pages, 200);
            ApiEvents.route("GET /profiles")
                    .asMember(membership, ApiEvents.PRIMING_SUB)
                    .query(query + "&cursor=" + first.get("next"))
                    .sendTo(pages, 200);
            ApiEvents.route("GET /tags")
                    .asMember(membership, ApiEvents.PRIMING_SUB)
                    .sendTo(tags, 200);
        });
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK client resolves credentials and opens connections on first use
    }
}
