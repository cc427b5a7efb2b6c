package dev.roster.list;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.Env;
import dev.roster.core.FunctionSetup;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.http.ApiInvocation;
import dev.roster.core.http.ApiRequest;
import dev.roster.core.http.Caller;
import dev.roster.core.http.HttpResponses;
import dev.roster.core.http.Membership;
import dev.roster.core.observe.Metrics;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code GET /profiles} and {@code GET /tags}: exactly one DynamoDB Query per request, nothing else
 * (docs/design.md, "One page = one Query").
 */
public final class ListProfilesHandler implements RequestStreamHandler {
    /** Built once per execution environment (and captured by SnapStart), only when the real constructor runs. */
    private static final class Sdk {
        static final DynamoDbClient DYNAMO_DB = AwsClients.dynamoDb();
    }

    private final ListProfiles service;
    private final Membership membership;
    private ListProfilesPriming priming;

    public ListProfilesHandler() {
        this(Env.system());
    }

    public ListProfilesHandler(Env env) {
        this(withCursorKey(env), Sdk.DYNAMO_DB);
    }

    private ListProfilesHandler(Env env, DynamoDbClient dynamoDb) {
        this(env, dynamoDb, Clock.systemUTC());
        this.priming = FunctionSetup.init("list-profiles", env, new ListProfilesPriming(env));
    }

    /** The function's configuration with the cursor key read from Secrets Manager (once, at init). */
    private static Env withCursorKey(Env env) {
        return env.with(
                CursorKey.SECRET,
                CursorKey.from(
                        env,
                        () -> SecretsManagerClient.builder()
                                .httpClient(AwsClients.httpClient())
                                .build()));
    }

    public ListProfilesHandler(Env env, DynamoDbClient dynamoDb, Clock clock) {
        this.service = ListProfiles.from(env, dynamoDb, clock);
        this.membership = Membership.from(env);
    }

    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) {
        ApiInvocation.handle(event, response, context, membership, this::route);
    }

    /** One request in this JVM (tests, benchmarks): the event as Lambda passes it, the response object. */
    public APIGatewayV2HTTPResponse handle(InputStream event) {
        return ApiInvocation.answer(event, membership, this::route);
    }

    private APIGatewayV2HTTPResponse route(ApiRequest request, Caller caller, Metrics metrics) {
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
