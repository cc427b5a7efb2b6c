package dev.roster.list;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.Env;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.http.ApiEvents;
import dev.roster.core.table.Keys;
import dev.roster.emulator.LocalAws;
import dev.roster.emulator.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Benchmark, not a test: what a list request costs inside the function, apart from DynamoDB, and how big a
 * card is on the wire. Run with {@code functions/list-profiles/bench}.
 * <ol>
 * <li>Fills a local table (moto) with 100 visible profiles, each with a photo map like the thumbnail
 * function writes, through the real PUT /me path.</li>
 * <li><b>handler, SDK call replayed</b>: the handler with a DynamoDB client that answers the recorded Query
 * response at once. What is left is our code: event parsing, validation, cursor check and signing, item to
 * card mapping, JSON.</li>
 * <li><b>handler against moto, minus the wire</b>: the real client; the time between the SDK's
 * {@code beforeTransmission} and {@code afterTransmission} (request out, response headers in) is subtracted,
 * so SDK marshalling and unmarshalling count, the round trip does not.</li>
 * <li>Response bytes per card for a page of 24, with and without a cursor.</li>
 * </ol>
 */
public final class ListBench {
    private static final int WARMUP = 20_000;
    private static final int MEASURED = 50_000;
    private static final int MOTO_WARMUP = 100;
    private static final int MOTO_MEASURED = 300;

    public static void main(String[] args) {
        try (LocalAws aws = LocalAws.start(
                SamTemplate.locate(), Map.of("JwtIssuer", "http://127.0.0.1/bench", "JwtAudience", "bench"))) {
            aws.useAsSdkDefault();
            Community community = new Community(aws);
            String table = aws.physicalName("ProfilesTable");
            for (int i = 0; i < 100; i++) {
                Community.Member member = community.join(
                        "bench-" + i,
                        Community.profile(
                                "Member %03d Surname".formatted(i),
                                "Organisation of member " + i,
                                true,
                                List.of("java", "serverless", "design")));
                addPhoto(aws, table, member.id());
            }
            Env env = new Env(aws.functionEnvironment("ListProfilesFunction", Map.of("CURSOR_SECRET", "bench-secret")));
            ApiEvents page = ApiEvents.route("GET /profiles").as("reader").query("limit=24");

            Recorder recorder = new Recorder(AwsClients.dynamoDb());
            APIGatewayV2HTTPResponse real =
                    new ListProfilesHandler(env, recorder, Clock.systemUTC()).handle(page.stream());
            String cursor = (String)
                    dev.roster.core.json.Json.parseTrusted(real.getBody()).get("next");
            ApiEvents nextPage = ApiEvents.route("GET /profiles").as("reader").query("limit=24&cursor=" + cursor);

            ListProfilesHandler replaying = new ListProfilesHandler(env, new Replay(recorder.last), Clock.systemUTC());
            double[] replayFirst = time(replaying, page, WARMUP, MEASURED, null);
            double[] replayNext = time(replaying, nextPage, WARMUP, MEASURED, null);

            Wire wire = new Wire();
            ListProfilesHandler overMoto =
                    new ListProfilesHandler(env, AwsClients.dynamoDb(List.of(wire)), Clock.systemUTC());
            double[] moto = time(overMoto, page, MOTO_WARMUP, MOTO_MEASURED, wire);

            int bytesFirst = real.getBody().getBytes(StandardCharsets.UTF_8).length;
            String cardsOnly = replaying.handle(page.stream()).getBody();
            System.out.printf(
                    Locale.ROOT,
                    "%nlist request, limit=24, 100 visible profiles with photos (JDK %s, %d cores)%n",
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            print("handler, SDK call replayed, first page", replayFirst);
            print("handler, SDK call replayed, page with cursor", replayNext);
            print("handler vs moto, wire round trip excluded", moto);
            System.out.printf(
                    Locale.ROOT,
                    "  %-48s total %.1f us, of which on the wire %.1f us%n",
                    "handler vs moto (for scale)",
                    moto[3],
                    moto[4]);
            System.out.printf(
                    Locale.ROOT,
                    "response: %d bytes for 24 cards + cursor = %.0f bytes per card (cursor %d bytes)%n",
                    bytesFirst,
                    bytesFirst / 24.0,
                    cursor.length());
            System.out.printf(Locale.ROOT, "calls per request: %s%n", recorder.calls);
            System.out.println("one card: " + firstCard(cardsOnly));
        }
    }

    private static String firstCard(String body) {
        int start = body.indexOf("[{") + 1;
        int depth = 0;
        for (int i = start; i < body.length(); i++) {
            char c = body.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0) {
                String card = body.substring(start, i + 1);
                return card.getBytes(StandardCharsets.UTF_8).length + " bytes " + card;
            }
        }
        return "?";
    }

    private static void addPhoto(LocalAws aws, String table, String id) {
        String base = "https://d111111abcdef8.cloudfront.net/photos/" + id + "/3f2a9c1e7b";
        AttributeValue photo = AttributeValue.fromM(Map.of(
                "thumb1x", AttributeValue.fromS(base + "-thumb-100.jpg"),
                "thumb2x", AttributeValue.fromS(base + "-thumb-200.jpg"),
                "detail1x", AttributeValue.fromS(base + "-detail-250.jpg"),
                "detail2x", AttributeValue.fromS(base + "-detail-500.jpg"),
                "placeholder", AttributeValue.fromS("1QcSHQRnh493V4dIh4eXh1h4kJUI"),
                "colour", AttributeValue.fromS("#7a5c3e"),
                "uploadId", AttributeValue.fromS("r3Vf0-_Qm8xYb2LkT6pW1a"),
                "specVersion", AttributeValue.fromN("1")));
        aws.dynamoDb()
                .updateItem(u -> u.tableName(table)
                        .key(Map.of(
                                Keys.PK,
                                AttributeValue.fromS(Keys.profilePk("main", id)),
                                Keys.SK,
                                AttributeValue.fromS(Keys.PROFILE_SK)))
                        .updateExpression("SET photo = :p")
                        .expressionAttributeValues(Map.of(":p", photo)));
    }

    /** Mean, p50, p99 of the handler time in microseconds (minus wire time when measured), then total mean and wire mean. */
    private static double[] time(ListProfilesHandler handler, ApiEvents event, int warmup, int measured, Wire wire) {
        for (int i = 0; i < warmup; i++) {
            check(handler.handle(event.stream()));
        }
        long[] nanos = new long[measured];
        long totalSum = 0;
        long wireSum = 0;
        for (int i = 0; i < measured; i++) {
            if (wire != null) {
                wire.nanos = 0;
            }
            long start = System.nanoTime();
            check(handler.handle(event.stream()));
            long total = System.nanoTime() - start;
            long onWire = wire == null ? 0 : wire.nanos;
            nanos[i] = total - onWire;
            totalSum += total;
            wireSum += onWire;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1000;
        return new double[] {
            mean,
            nanos[measured / 2] / 1000.0,
            nanos[(int) (measured * 0.99)] / 1000.0,
            totalSum / 1000.0 / measured,
            wireSum / 1000.0 / measured
        };
    }

    private static void check(APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException(response.getBody());
        }
    }

    private static void print(String what, double[] figures) {
        System.out.printf(
                Locale.ROOT,
                "  %-48s mean %6.1f us   p50 %6.1f us   p99 %6.1f us%n",
                what,
                figures[0],
                figures[1],
                figures[2]);
    }

    /** Passes queries to the real client and keeps the last response. */
    private static final class Recorder implements DynamoDbClient {
        private final DynamoDbClient real;
        QueryResponse last;
        final List<String> calls = new java.util.ArrayList<>();

        Recorder(DynamoDbClient real) {
            this.real = real;
        }

        @Override
        public QueryResponse query(QueryRequest request) {
            calls.add("DynamoDb:Query");
            last = real.query(request);
            return last;
        }

        @Override
        public String serviceName() {
            return real.serviceName();
        }

        @Override
        public void close() {
            real.close();
        }
    }

    /** Answers every query with one recorded response: takes DynamoDB and the SDK out of the measurement. */
    private record Replay(QueryResponse response) implements DynamoDbClient {
        @Override
        public QueryResponse query(QueryRequest request) {
            return response;
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {}
    }

    /** Time on the wire: request handed to the HTTP client until the response headers are back. */
    private static final class Wire implements ExecutionInterceptor {
        long started;
        long nanos;

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            started = System.nanoTime();
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            nanos += System.nanoTime() - started;
        }
    }
}
