package dev.roster.list;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.Env;
import dev.roster.core.FunctionSetup;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.http.ApiHandler;
import dev.roster.core.http.ApiRequest;
import dev.roster.core.http.Caller;
import dev.roster.core.http.HttpResponses;
import dev.roster.core.http.Membership;
import dev.roster.core.observe.Metrics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code GET /profiles} and {@code GET /tags}: exactly one DynamoDB Query per request, nothing else
 * (docs/design.md, "One page = one Query").
 */
public final class ListProfilesHandler extends ApiHandler {
    /** Built once per execution environment (and captured by SnapStart), only when the real constructor runs. */
    private static final class Sdk {
        static final DynamoDbClient DYNAMO_DB = AwsClients.dynamoDb();
    }

    private final ListProfiles service;
    private ListProfilesPriming priming;

    public ListProfilesHandler() {
        this(Env.system());
    }

    public ListProfilesHandler(Env env) {
        this(CursorKey.resolved(env), Sdk.DYNAMO_DB);
    }

    /** {@code env} holds the cursor key here: the priming builds its handler from it too. */
    private ListProfilesHandler(Env env, DynamoDbClient dynamoDb) {
        this(env, dynamoDb, Clock.systemUTC());
        this.priming = FunctionSetup.init("list-profiles", env, new ListProfilesPriming(env));
    }

    public ListProfilesHandler(Env env, DynamoDbClient dynamoDb, Clock clock) {
        super(Membership.from(env));
        this.service = ListProfiles.from(env, dynamoDb, clock);
    }

    @Override
    protected APIGatewayV2HTTPResponse route(ApiRequest request, Caller caller, Metrics metrics) {
        return switch (request.routeKey()) {
            case "GET /profiles" -> {
                ListRequest list = ListRequest.from(request.queryParameters());
                Map<String, Object> page = service.page(list);
                metrics.put("PageSize", list.limit(), Metrics.Unit.NONE)
                        .put("ItemsReturned", ((List<?>) page.get("items")).size(), Metrics.Unit.COUNT);
                yield HttpResponses.json(200, page);
            }
            case "GET /tags" -> HttpResponses.json(200, service.tags());
            default -> throw request.unknownRoute();
        };
    }
}
