package dev.roster.profile;

import dev.roster.core.Env;
import dev.roster.core.aws.PrimingClients;
import dev.roster.core.http.ApiEvents;
import dev.roster.core.http.Membership;
import dev.roster.core.observe.Log;
import dev.roster.core.table.PrimingItems;
import org.crac.Resource;

/**
 * SnapStart priming of {@code ProfileFunction}: before the snapshot, its routes run end to end as Lambda runs
 * them (event JSON read, body parsed and validated, items mapped, the SDK calls through fully built clients,
 * the response JSON written), the clients' DynamoDB answering in memory and the presigner holding made-up
 * credentials: neither a network call nor a real credential is in the snapshot.
 */
public final class ProfilePriming implements Resource {
    private final Env env;

    public ProfilePriming(Env env) {
        this.env = env;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        String community = env.optional("COMMUNITY_ID", "main");
        String profile = PrimingItems.ownedProfile(community, ApiEvents.PRIMING_SUB);
        Log.quietly(() -> {
            ProfileHandler primed = new ProfileHandler(
                    env,
                    PrimingClients.dynamoDb(op -> PrimingClients.Answer.json(
                            switch (op) {
                                case "GetItem" -> profile; // the owner pointer and the profile: one item serves as both
                                case "UpdateItem" -> PrimingItems.updatedVersion(2);
                                default -> "{}";
                            })),
                    PrimingClients.s3Presigner(),
                    PrimingClients.s3(request -> PrimingClients.Answer.xml(
                            "<CopyObjectResult><ETag>\"priming\"</ETag></CopyObjectResult>")));
            expect(primed, ApiEvents.route("GET /me"), 200);
            expect(
                    primed,
                    ApiEvents.route("PUT /me")
                            .header("if-match", "\"1\"")
                            .body(
                                    "{\"name\":\"Zoë Prime\",\"organisation\":\"Org\",\"tags\":[\"java\",\"go\"],\"visible\":true}"),
                    200);
            expect(
                    primed,
                    ApiEvents.route("POST /me/photo").body("{\"contentType\":\"image/jpeg\",\"contentLength\":100000}"),
                    201);
            expect(primed, ApiEvents.route("GET /profiles/{id}").pathParameter("id", PrimingItems.PROFILE_ID), 200);
            expect(primed, ApiEvents.route("PUT /me").body("{\"name\":7}"), 400);
        });
    }

    private void expect(ProfileHandler handler, ApiEvents event, int status) {
        event.asMember(Membership.from(env), ApiEvents.PRIMING_SUB).sendTo(handler, status);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK clients resolve credentials and open connections on first use
    }
}
