package dev.roster.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestTest {
    private static ApiRequest request(Map<String, Object> event) {
        return ApiRequest.of(event);
    }

    @Test
    void repeatedQueryParametersKeepEveryValueFromTheRawQueryString() {
        ApiRequest request = request(Map.of(
                "rawQueryString",
                "tag=java&tag=c%2B%2B&q=zo%C3%AB+k&limit=5",
                "queryStringParameters",
                Map.of("tag", "java,c++", "q", "zoë k", "limit", "5")));
        assertEquals(
                Map.of("tag", List.of("java", "c++"), "q", List.of("zoë k"), "limit", List.of("5")),
                request.queryParameters());
    }

    @Test
    void withoutARawQueryStringTheJoinedValuesAreSplit() {
        assertEquals(
                Map.of("tag", List.of("java", "rust")),
                request(Map.of("queryStringParameters", Map.of("tag", "java,rust")))
                        .queryParameters());
    }

    @Test
    void aBase64BodyIsDecodedAndMeasuredInBytes() {
        String json = "{\"name\":\"Zoë\"}";
        ApiRequest request = request(Map.of(
                "isBase64Encoded",
                true,
                "body",
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))));
        assertEquals(json, request.body(100));
        assertEquals(
                413,
                assertThrows(ApiException.class, () -> request.body(10)).error().status());
        ApiRequest broken = request(Map.of("isBase64Encoded", true, "body", "%%%"));
        assertEquals(
                400,
                assertThrows(ApiException.class, () -> broken.body(100)).error().status());
    }

    @Test
    void headersAreFoundWhateverTheirCase() {
        assertEquals(
                "\"3\"", request(Map.of("headers", Map.of("If-Match", "\"3\""))).header("if-match"));
    }

    @Test
    void aHandMadeEventWithoutItsRouteGetsItFromMethodPathAndParameters() {
        ApiRequest request = request(Map.of(
                "rawPath",
                "/profiles/Ab3dE6gH",
                "pathParameters",
                Map.of("id", "Ab3dE6gH"),
                "requestContext",
                Map.of("http", Map.of("method", "GET"))));
        assertEquals("GET /profiles/{id}", request.routeKey());
    }

    @Test
    void anEventThatIsNotJsonIsA400() {
        ApiException bad = assertThrows(
                ApiException.class,
                () -> ApiRequest.read(new java.io.ByteArrayInputStream("not json".getBytes(StandardCharsets.UTF_8))));
        assertEquals(400, bad.error().status());
    }

    @Test
    void theClaimsAreStringsAsTheAuthorizerPassesThemEvenWhenAHandMadeEventHoldsAnArray() {
        ApiRequest request = request(ApiEvents.route("GET /me")
                .as("sub-1")
                .verifiedEmail("ada@example.org")
                .claim("cognito:groups", List.of("members", "admins"))
                .event());
        assertEquals("sub-1", request.claims().get("sub"));
        assertEquals("[members admins]", request.claims().get("cognito:groups"));
        Caller caller = new Membership("members", "admins", "cognito:groups").admit(request.claims());
        assertEquals("ada@example.org", caller.verifiedEmail().orElseThrow());
        assertTrue(caller.isAdmin());
    }
}
