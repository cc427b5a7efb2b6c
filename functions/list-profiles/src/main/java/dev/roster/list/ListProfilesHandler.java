package dev.roster.list;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.Env;
import dev.roster.core.observe.DynamoDbCalls;
import dev.roster.core.observe.Log;
import dev.roster.core.observe.Metrics;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.aws.PrimingClients;
import dev.roster.core.http.ApiError;
import dev.roster.core.http.ApiException;
import dev.roster.core.http.HttpRequests;
import dev.roster.core.http.HttpResponses;
import dev.roster.core.http.Membership;
import dev.roster.core.http.SampleRequests;
import dev.roster.core.table.Directory;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /profiles} and {@code GET /tags}: exactly one DynamoDB Query per request, nothing else
 * (docs/design.md, "One page = one Query").
 */
public final class ListProfilesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    /** Built once per execution environment (and captured by SnapStart), only when the real constructor runs. */
    private static final class Sdk {
        static final DynamoDbClient DYNAMO_DB = AwsClients.dynamoDb();
    }

    /** The function's configuration with the cursor key read from Secrets Manager (once, at init). */
    private static Env withCursorKey(Env env) {
        return env.with(CursorKey.SECRET, CursorKey.from(env,
                () -> SecretsManagerClient.builder().httpClient(AwsClients.httpClient()).build()));
    }

    /** A page of one card as DynamoDB answers a Query, for priming. */
    static final String SAMPLE_PAGE = """
            {"Count":1,"ScannedCount":1,"Items":[{"PK":{"S":"C#main#TAG#java"},"SK":{"S":"zoe prime#AAAAAAAA"},
             "profileId":{"S":"AAAAAAAA"},"name":{"S":"Zoë Prime"},"organisation":{"S":"Org"},"location":{"S":"Town"},
             "tags":{"L":[{"S":"java"}]},"avatar":{"M":{"initials":{"S":"ZP"},"colour":{"S":"#336699"}}},
             "photo":{"M":{"thumb1x":{"S":"https://photos.example/a.jpg"},"thumb2x":{"S":"https://photos.example/b.jpg"},
              "detail1x":{"S":"https://photos.example/c.jpg"},"detail2x":{"S":"https://photos.example/d.jpg"},
              "placeholder":{"S":"1QcSHQRnh493V4dIh4eXh1h4kJUI"},"colour":{"S":"#336699"}}}}],
             "LastEvaluatedKey":{"PK":{"S":"C#main#TAG#java"},"SK":{"S":"zoe prime#AAAAAAAA"}}}""";
    static final String SAMPLE_TAGS = """
            {"Count":1,"ScannedCount":1,"Items":[{"PK":{"S":"C#main#TAGS"},"SK":{"S":"java"},"count":{"N":"3"}}]}""";

    private final ListProfiles service;
    private final Membership membership;
    private Runnable primeRequests = () -> { };

    public ListProfilesHandler() {
        this(Env.system());
    }

    public ListProfilesHandler(Env env) {
        this(withCursorKey(env), Sdk.DYNAMO_DB);
    }

    private ListProfilesHandler(Env env, DynamoDbClient dynamoDb) {
        this(env, dynamoDb, Clock.systemUTC());
        this.primeRequests = () -> primeRequests(env);
        Log.function("list-profiles");
        Metrics.namespace(env.optional("METRICS_NAMESPACE", Metrics.DEFAULT_NAMESPACE));
        Core.getGlobalContext().register(this);
    }

    public ListProfilesHandler(Env env, DynamoDbClient dynamoDb, Clock clock) {
        this(new ListProfiles(
                new Directory(dynamoDb, env.required("TABLE_NAME"), env.optional("COMMUNITY_ID", "main")),
                new Cursors(CursorKey.from(env, () -> {
                    throw new IllegalStateException("set " + CursorKey.SECRET + " (the key itself) to build the"
                            + " handler with its own clients");
                }), clock)), Membership.from(env));
    }

    ListProfilesHandler(ListProfiles service) {
        this(service, Membership.ANY_SIGNED_IN_USER);
    }

    ListProfilesHandler(ListProfiles service, Membership membership) {
        this.service = service;
        this.membership = membership;
    }

    /** SnapStart: snapshot after the request code has run once (the first member's page would pay for it otherwise). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        service.prime();
        primeRequests.run();
    }

    /**
     * Both routes end to end (event parsing, the Query through a fully built SDK client, card mapping, the
     * response JSON) against DynamoDB answers made in memory: no network, no credentials in the snapshot.
     */
    private static void primeRequests(Env env) {
        Log.quietly(() -> {
            var pages = new ListProfilesHandler(env, PrimingClients.dynamoDb(op -> PrimingClients.Answer.json(SAMPLE_PAGE)), Clock.systemUTC());
            var tags = new ListProfilesHandler(env, PrimingClients.dynamoDb(op -> PrimingClients.Answer.json(SAMPLE_TAGS)), Clock.systemUTC());
            expectOk(pages.handleRequest(SampleRequests.request(Membership.from(env), "GET", "GET /profiles", "/profiles", "limit=24&tag=java&q=zo", null, null), null));
            expectOk(tags.handleRequest(SampleRequests.request(Membership.from(env), "GET", "GET /tags", "/tags", "", null, null), null));
        });
    }

    private static void expectOk(APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("priming request answered " + response.getStatusCode() + ": " + response.getBody());
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK client resolves credentials and opens connections on first use
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Log.begin(context);
        DynamoDbCalls.reset();
        Metrics metrics = Metrics.start();
        try {
            membership.admit(event);
            return switch (routeKey(event)) {
                case "GET /profiles" -> {
                    ListRequest request = ListRequest.from(HttpRequests.queryParameters(event));
                    Map<String, Object> page = service.page(request);
                    metrics.put("PageSize", request.limit(), Metrics.Unit.NONE)
                            .put("ItemsReturned", ((List<?>) page.get("items")).size(), Metrics.Unit.COUNT);
                    yield HttpResponses.json(200, page);
                }
                case "GET /tags" -> HttpResponses.json(200, service.tags());
                default -> HttpResponses.error(ApiError.notFound("no route " + routeKey(event) + " in this function"));
            };
        } catch (ApiException e) {
            return HttpResponses.error(e.error());
        } catch (RuntimeException e) {
            Log.error("request failed", e, "route", routeKey(event));
            metrics.count("Failures");
            return HttpResponses.failure(e);
        } finally {
            metrics.put("DynamoDbCalls", DynamoDbCalls.count(), Metrics.Unit.COUNT).flush();
        }
    }

    private static String routeKey(APIGatewayV2HTTPEvent event) {
        if (event.getRouteKey() != null && !event.getRouteKey().isBlank()) {
            return event.getRouteKey();
        }
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        return (http == null ? "" : http.getMethod()) + " " + event.getRawPath();
    }
}
