package dev.roster.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.Env;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.http.ApiEvents;
import dev.roster.core.json.Json;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.FaultProxy;
import dev.roster.junit.WithLocalAws;
import dev.roster.profile.ProfileHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The API when DynamoDB misbehaves: both API functions talk to the emulator through a {@link FaultProxy} with
 * the functions' own client configuration (HTTP client, timeouts, the SDK's default retries). A dependency that
 * is gone, never answers or keeps throttling is a 503 with {@code Retry-After} and a retryable JSON error,
 * within the function's timeout; never a hang, never a 500 with a stack trace.
 */
@WithLocalAws
class DependencyFaultsTest {
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(globalsTimeoutSeconds());

    private Community community;
    private FaultProxy proxy;
    private DynamoDbClient viaProxy;
    private ListProfilesHandler list;
    private ProfileHandler profiles;

    @BeforeEach
    void setUp(LocalAws aws) {
        community = new Community(aws); // writes and reads straight to the emulator, to set up and to check
        proxy = FaultProxy.inFrontOf(aws.endpoint());
        viaProxy =
                AwsClients.dynamoDbBuilder().endpointOverride(proxy.endpoint()).build();
        list = new ListProfilesHandler(
                new Env(aws.functionEnvironment("ListProfilesFunction", Map.of("CURSOR_SECRET", Community.SECRET))),
                viaProxy,
                Clock.systemUTC());
        profiles = new ProfileHandler(
                new Env(aws.functionEnvironment("ProfileFunction", Map.of())),
                viaProxy,
                AwsClients.s3Presigner(),
                AwsClients.s3());
    }

    @AfterEach
    void tearDown() {
        viaProxy.close();
        proxy.close();
    }

    @Test
    void theApiClientGivesUpBeforeTheFunctionTimesOut() {
        assertTrue(
                AwsClients.API_CALL_TIMEOUT.compareTo(FUNCTION_TIMEOUT) < 0,
                "API_CALL_TIMEOUT " + AwsClients.API_CALL_TIMEOUT + " must be below the functions' "
                        + FUNCTION_TIMEOUT);
    }

    @Test
    void emulatorStoppingMidRequestIsA503WithRetryAfter() {
        proxy.stopMidRequest();
        APIGatewayV2HTTPResponse response = timed(
                "GET /profiles, emulator stops mid-request",
                () -> list.handle(ApiEvents.route("GET /profiles").as("reader").stream()));
        assertRetryable503(response);
    }

    @Test
    void anEditWhileTheEmulatorStopsIsA503AndChangesNothing() {
        Community.Member member =
                community.join("sub-edit", Community.profile("Ada Before", "Acme", true, List.of("x")));
        proxy.stopMidRequest();
        APIGatewayV2HTTPResponse response = timed(
                "PUT /me, emulator stops mid-request",
                () -> profiles.handle(ApiEvents.route("PUT /me")
                        .as("sub-edit")
                        .header("if-match", member.etag())
                        .body(Community.profile("Ada After", "Acme", true, List.of("x")))
                        .stream()));
        assertRetryable503(response);
        assertEquals(List.of(member.id()), community.walk("q=before"), "the profile is as it was");
        assertEquals(List.of(), community.walk("q=after"));
        // the member's retry (same ETag: nothing was written) succeeds once DynamoDB is back
        community.edit(member, Community.profile("Ada After", "Acme", true, List.of("x")));
        assertEquals(List.of(member.id()), community.walk("q=after"));
    }

    @Test
    void aDependencyThatNeverAnswersIsA503BeforeTheFunctionTimesOut() {
        proxy.hold();
        APIGatewayV2HTTPResponse response = timed(
                "GET /profiles, DynamoDB never answers",
                () -> list.handle(ApiEvents.route("GET /profiles").as("reader").stream()));
        assertRetryable503(response);
    }

    @Test
    void throttlingIsRetriedByTheSdkUntilItPasses() {
        community.join("sub-throttle", Community.profile("Throttled Reader", "Acme", true, List.of()));
        proxy.throttle(2);
        APIGatewayV2HTTPResponse response = timed(
                "GET /profiles, 2 throttles",
                () -> list.handle(ApiEvents.route("GET /profiles").as("reader").stream()));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(2, proxy.throttled());
        assertEquals(3, proxy.requests(), "two throttled attempts, then the one that passed");
    }

    @Test
    void throttlingThatOutlastsTheSdksRetriesIsA503() {
        proxy.throttle(1_000);
        APIGatewayV2HTTPResponse response = timed(
                "GET /profiles, throttled throughout",
                () -> list.handle(ApiEvents.route("GET /profiles").as("reader").stream()));
        assertRetryable503(response);
        System.out.println("throttled attempts before the SDK gave up: " + proxy.requests());
        assertTrue(proxy.requests() > 1, "the SDK retries throttling: " + proxy.requests() + " attempt(s)");
        assertEquals(proxy.requests(), proxy.throttled());
    }

    private APIGatewayV2HTTPResponse timed(String what, Supplier<APIGatewayV2HTTPResponse> call) {
        long start = System.nanoTime();
        APIGatewayV2HTTPResponse response = assertTimeoutPreemptively(
                FUNCTION_TIMEOUT, call::get, what + ": no answer within the function's timeout");
        System.out.printf(
                "%s: %d after %d ms, %d request(s) at the proxy%n",
                what, response.getStatusCode(), (System.nanoTime() - start) / 1_000_000, proxy.requests());
        return response;
    }

    @SuppressWarnings("unchecked")
    private static void assertRetryable503(APIGatewayV2HTTPResponse response) {
        assertEquals(503, response.getStatusCode(), response.getBody());
        assertEquals("2", response.getHeaders().get("retry-after"));
        assertEquals("application/json", response.getHeaders().get("content-type"));
        Map<String, Object> error =
                (Map<String, Object>) Json.parseTrusted(response.getBody()).get("error");
        assertEquals("unavailable", error.get("code"));
        assertEquals(Boolean.TRUE, error.get("retryable"));
        assertFalse(
                response.getBody().contains("Exception") || response.getBody().contains("at software."),
                "no exception detail leaves the function: " + response.getBody());
    }

    private static int globalsTimeoutSeconds() {
        try {
            String template = Files.readString(Path.of("../../template.yaml"));
            Matcher globals = Pattern.compile("(?m)^Globals:\\n  Function:\\n((?:^(?:    .*|\\s*)\\n)+)")
                    .matcher(template);
            Matcher timeout =
                    Pattern.compile("(?m)^    Timeout: (\\d+)").matcher(globals.find() ? globals.group(1) : "");
            if (!timeout.find()) {
                throw new IllegalStateException("no Globals.Function.Timeout in template.yaml");
            }
            return Integer.parseInt(timeout.group(1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
