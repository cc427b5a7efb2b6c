package dev.roster.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The front door over real HTTP, with the routes, authorizer and CORS of template.yaml: each function is a
 * recording handler, so the tests see the exact payload 2.0 event it received.
 */
@WithLocalAws
class FrontDoorTest {
    private static LocalServer server;
    private static LocalIssuer issuer;
    private static HttpApiDefinition api;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start(LocalAws aws) throws Exception {
        api = HttpApiDefinition.fromTemplate(aws);
        HttpApiDefinition.JwtConfiguration jwt = api.authorizers().get("MemberJwt");
        issuer = new LocalIssuer(jwt.issuer(), jwt.audiences().getFirst(), Clock.systemUTC());
        Map<String, LambdaFunction> functions = new LinkedHashMap<>();
        for (String id :
                aws.template().resourcesOfType("AWS::Serverless::Function").keySet()) {
            functions.put(
                    id,
                    LambdaFunction.fromTemplate(
                            aws,
                            id,
                            Map.of("CURSOR_SECRET", "test-secret"),
                            RecordingHandlers.Http.class.getName() + "::handleRequest"));
        }
        FrontDoor frontDoor = new FrontDoor(
                api,
                Map.of("MemberJwt", new JwtAuthorizer(jwt, issuer.publicKeys(), Clock.systemUTC())),
                functions::get,
                Clock.systemUTC());
        server = new LocalServer(0);
        server.start(new LocalServer.Routes(
                new IssuerEndpoints(issuer, server.url().toString(), Map.of()),
                PhotoServer.forDistribution(aws),
                frontDoor,
                new StaticFiles(Path.of("../../web")),
                ResponseHeaders.fromTemplate(aws)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        RecordingHandlers.reset();
    }

    private static String token(String sub) {
        return issuer.issue(sub, "Ada Lovelace", "ada@example.org").token();
    }

    private static HttpRequest.Builder request(String target) {
        return HttpRequest.newBuilder(URI.create(server.url() + target)).timeout(Duration.ofSeconds(20));
    }

    /** A request to the API, which answers under its stage ({@code /api}) as behind the site's distribution. */
    private static HttpRequest.Builder apiRequest(String target) {
        return request(api.basePath() + target);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static RecordingHandlers.Call<APIGatewayV2HTTPEvent> received() throws InterruptedException {
        RecordingHandlers.Call<APIGatewayV2HTTPEvent> call = RecordingHandlers.HTTP_CALLS.poll(5, TimeUnit.SECONDS);
        assertNotNull(call, "the function was not invoked");
        return call;
    }

    @Test
    void everyHttpApiEventOfTheTemplateIsARouteToItsFunction() {
        Set<String> routes = api.routes().stream()
                .map(r -> r.routeKey() + " → " + r.functionId())
                .collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        "GET /profiles → ListProfilesFunction",
                        "GET /tags → ListProfilesFunction",
                        "GET /profiles/{id} → ProfileFunction",
                        "GET /me → ProfileFunction",
                        "PUT /me → ProfileFunction",
                        "POST /me/photo → ProfileFunction",
                        "DELETE /me/photo → ProfileFunction",
                        "PUT /me/photo/focal-point → ProfileFunction",
                        "DELETE /me → ProfileFunction",
                        "GET /me/export → ProfileFunction",
                        "GET /profiles/{id}/vcard → ProfileFunction",
                        "POST /profiles/{id}/report → ProfileFunction",
                        "GET /admin/reports → ProfileFunction",
                        "POST /admin/reports/{id}/resolve → ProfileFunction",
                        "PUT /admin/profiles/{id}/visibility → ProfileFunction",
                        "DELETE /admin/profiles/{id}/photo → ProfileFunction",
                        "GET /admin/audit → ProfileFunction"),
                routes);
        assertTrue(api.routes().stream().allMatch(r -> r.authorizer().equals("MemberJwt")));
    }

    @Test
    void getWithQueryBuildsThePayload2EventApiGatewaySends() throws Exception {
        HttpResponse<String> response = send(apiRequest("/profiles?limit=2&tag=java&tag=climbing%20wall&q=ad%C3%A1")
                .header("Authorization", "Bearer " + token("ada"))
                .header("X-Custom", "one")
                .header("Cookie", "a=1; b=2")
                .GET()
                .build());

        assertEquals(200, response.statusCode());
        assertEquals("{\"ok\":true}", response.body());
        var call = received();
        APIGatewayV2HTTPEvent event = call.event();
        assertEquals("2.0", event.getVersion());
        assertEquals("GET /profiles", event.getRouteKey());
        // a named stage stays in the path the function sees, as API Gateway sends it
        assertEquals("/api/profiles", event.getRawPath());
        assertEquals("limit=2&tag=java&tag=climbing%20wall&q=ad%C3%A1", event.getRawQueryString());
        assertEquals(Map.of("limit", "2", "tag", "java,climbing wall", "q", "adá"), event.getQueryStringParameters());
        assertEquals("one", event.getHeaders().get("x-custom"));
        assertTrue(event.getHeaders().keySet().stream().allMatch(h -> h.equals(h.toLowerCase())));
        assertFalse(event.getHeaders().containsKey("cookie"));
        assertEquals(List.of("a=1", "b=2"), event.getCookies());
        assertNull(event.getPathParameters());
        assertNull(event.getBody());
        assertFalse(event.getIsBase64Encoded());
        var context = event.getRequestContext();
        assertEquals("GET", context.getHttp().getMethod());
        assertEquals("/api/profiles", context.getHttp().getPath());
        assertEquals("127.0.0.1", context.getHttp().getSourceIp());
        assertEquals("GET /profiles", context.getRouteKey());
        assertEquals("api", context.getStage());
        assertEquals(response.headers().firstValue("apigw-requestid").orElseThrow(), context.getRequestId());
        assertEquals("ada", context.getAuthorizer().getJwt().getClaims().get("sub"));
        assertEquals(
                "ada@example.org", context.getAuthorizer().getJwt().getClaims().get("email"));
        assertEquals(context.getRequestId(), call.context().getAwsRequestId());
        assertEquals("roster-local-ListProfilesFunction", call.context().getFunctionName());
        assertEquals(512, call.context().getMemoryLimitInMB());
        assertTrue(call.context().getRemainingTimeInMillis() > 0);
    }

    @Test
    void pathParameterAndJsonBodyReachTheFunction() throws Exception {
        send(apiRequest("/profiles/k3Jd9xQa")
                .header("Authorization", "Bearer " + token("ada"))
                .GET()
                .build());
        assertEquals(Map.of("id", "k3Jd9xQa"), received().event().getPathParameters());

        send(apiRequest("/me")
                .header("Authorization", "Bearer " + token("ada"))
                .header("content-type", "application/json")
                .header("If-Match", "\"3\"")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}"))
                .build());
        APIGatewayV2HTTPEvent put = received().event();
        assertEquals("PUT /me", put.getRouteKey());
        assertEquals("{\"name\":\"Ada\"}", put.getBody());
        assertFalse(put.getIsBase64Encoded());
        assertEquals("\"3\"", put.getHeaders().get("if-match"));
    }

    @Test
    void binaryBodyArrivesBase64Encoded() throws Exception {
        byte[] bytes = {(byte) 0xff, (byte) 0xd8, 0, 1, 2};
        send(apiRequest("/me/photo")
                .header("Authorization", "Bearer " + token("ada"))
                .header("content-type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
        APIGatewayV2HTTPEvent event = received().event();
        assertTrue(event.getIsBase64Encoded());
        assertEquals(Base64.getEncoder().encodeToString(bytes), event.getBody());
    }

    @Test
    void functionGetsTheEnvironmentTheTemplateGivesIt(LocalAws aws) throws Exception {
        send(apiRequest("/me")
                .header("Authorization", "Bearer " + token("ada"))
                .GET()
                .build());
        var env = received().env();
        assertEquals(aws.physicalName("ProfilesTable"), env.required("TABLE_NAME"));
        assertEquals("roster-local-uploads-123456789012", env.required("UPLOADS_BUCKET"));
        assertEquals("15728640", env.required("MAX_UPLOAD_BYTES"));
        assertEquals("main", env.required("COMMUNITY_ID"));
    }

    @Test
    void requestWithoutTokenIsUnauthorizedAndNeverReachesTheFunction() throws Exception {
        HttpResponse<String> response = send(apiRequest("/me").GET().build());
        assertEquals(401, response.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", response.body());
        assertEquals("Bearer", response.headers().firstValue("www-authenticate").orElseThrow());
        assertTrue(RecordingHandlers.HTTP_CALLS.isEmpty());
    }

    @Test
    void tokenForAnotherAudienceIsUnauthorizedWithTheReason() throws Exception {
        String foreign = new LocalIssuer(issuer.issuer(), "another-client", Clock.systemUTC())
                .issue("ada", null, null)
                .token();
        HttpResponse<String> response = send(apiRequest("/profiles")
                .header("Authorization", "Bearer " + foreign)
                .GET()
                .build());
        assertEquals(401, response.statusCode());
        // another issuer instance has another key: the signature check comes first
        assertTrue(
                response.headers().firstValue("www-authenticate").orElseThrow().contains("error=\"invalid_token\""));

        String wrongAudience = issuer.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .issuer(issuer.issuer())
                .audience("another-client")
                .subject("ada")
                .expirationTime(new java.util.Date(System.currentTimeMillis() + 60_000))
                .build());
        HttpResponse<String> second = send(apiRequest("/profiles")
                .header("Authorization", "Bearer " + wrongAudience)
                .GET()
                .build());
        assertEquals(401, second.statusCode());
        assertTrue(second.headers()
                .firstValue("www-authenticate")
                .orElseThrow()
                .contains("error_description=\"the token does not have a valid audience\""));
        assertTrue(RecordingHandlers.HTTP_CALLS.isEmpty());
    }

    /** Every way a caller can fail to be a member, as the Authorization header it would send. */
    static Stream<Arguments> tokensThatAreNotAMember() throws Exception {
        java.util.Date now = new java.util.Date();
        java.util.function.Function<Long, java.util.Date> in =
                seconds -> new java.util.Date(now.getTime() + seconds * 1000);
        com.nimbusds.jwt.JWTClaimsSet.Builder valid = new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .issuer(issuer.issuer())
                .audience(issuer.clientId())
                .subject("mallory")
                .issueTime(in.apply(-60L))
                .expirationTime(in.apply(600L));
        String good = issuer.sign(valid.build());
        String[] parts = good.split("\\.");
        String otherSubject = issuer.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder(valid.build())
                        .subject("ada")
                        .build())
                .split("\\.")[1];
        String unsigned = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        return Stream.of(
                Arguments.of("no Authorization header", null),
                Arguments.of("empty bearer", "Bearer "),
                Arguments.of("not a JWT", "Bearer not.a.jwt"),
                Arguments.of(
                        "expired",
                        "Bearer "
                                + issuer.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder(valid.build())
                                        .issueTime(in.apply(-7200L))
                                        .expirationTime(in.apply(-60L))
                                        .build())),
                Arguments.of(
                        "wrong issuer",
                        "Bearer "
                                + issuer.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder(valid.build())
                                        .issuer("https://evil.example/local")
                                        .build())),
                Arguments.of(
                        "wrong audience",
                        "Bearer "
                                + issuer.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder(valid.build())
                                        .audience("another-client")
                                        .build())),
                Arguments.of(
                        "payload swapped under the signature",
                        "Bearer " + parts[0] + "." + otherSubject + "." + parts[2]),
                Arguments.of("signature cut off", "Bearer " + parts[0] + "." + parts[1] + "."),
                Arguments.of("alg none", "Bearer " + unsigned),
                Arguments.of(
                        "another issuer's key",
                        "Bearer "
                                + new LocalIssuer(issuer.issuer(), issuer.clientId(), Clock.systemUTC())
                                        .issue("mallory", null, null)
                                        .token()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensThatAreNotAMember")
    void everyRouteAnswers401ToANonMemberAndNoFunctionRuns(String kind, String authorization) throws Exception {
        for (HttpApiDefinition.Route route : api.routes()) {
            HttpRequest.Builder request = apiRequest(route.path().replace("{id}", "AAAAAAAA"))
                    .method(
                            route.method(),
                            route.method().equals("GET") || route.method().equals("DELETE")
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString("{}"));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = send(request.build());
            assertEquals(401, response.statusCode(), kind + " on " + route.routeKey());
            assertEquals("{\"message\":\"Unauthorized\"}", response.body(), route.routeKey());
        }
        assertTrue(RecordingHandlers.HTTP_CALLS.isEmpty(), kind + " reached a function");
    }

    @Test
    void unknownRouteAndUnroutedMethodAreNotFound() throws Exception {
        HttpResponse<String> unknown = send(apiRequest("/nope")
                .header("Authorization", "Bearer " + token("ada"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertEquals(404, unknown.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", unknown.body());
        HttpResponse<String> wrongMethod = send(apiRequest("/tags")
                .header("Authorization", "Bearer " + token("ada"))
                .DELETE()
                .build());
        assertEquals(404, wrongMethod.statusCode());
        assertTrue(RecordingHandlers.HTTP_CALLS.isEmpty());
    }

    @Test
    void functionErrorIsAnInternalServerError() throws Exception {
        RecordingHandlers.httpAnswer = event -> {
            throw new IllegalStateException("boom");
        };
        HttpResponse<String> response = send(apiRequest("/tags")
                .header("Authorization", "Bearer " + token("ada"))
                .GET()
                .build());
        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", response.body());
    }

    @Test
    void responseStatusHeadersCookiesAndBase64BodyAreMappedBack() throws Exception {
        RecordingHandlers.httpAnswer = event -> APIGatewayV2HTTPResponse.builder()
                .withStatusCode(412)
                .withHeaders(Map.of(
                        "content-type",
                        "image/png",
                        "ETag",
                        "\"7\"",
                        "access-control-allow-origin",
                        "https://evil.example"))
                .withCookies(List.of("session=x; HttpOnly"))
                .withBody(Base64.getEncoder().encodeToString("png!".getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true)
                .build();
        HttpResponse<byte[]> response = HTTP.send(
                apiRequest("/me")
                        .header("Authorization", "Bearer " + token("ada"))
                        .header("Origin", "http://localhost:3000")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(412, response.statusCode());
        assertEquals("png!", new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("\"7\"", response.headers().firstValue("etag").orElseThrow());
        assertEquals(
                "session=x; HttpOnly",
                response.headers().firstValue("set-cookie").orElseThrow());
        // the template's CORS configuration wins over the function's CORS headers
        assertEquals(
                "http://localhost:3000",
                response.headers().firstValue("access-control-allow-origin").orElseThrow());
        assertEquals(
                "etag",
                response.headers().firstValue("access-control-expose-headers").orElseThrow());
    }

    @Test
    void preflightIsAnsweredFromTheTemplatesCorsConfigurationWithoutAToken() throws Exception {
        HttpResponse<String> allowed = send(apiRequest("/me")
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
        assertEquals(204, allowed.statusCode());
        assertEquals(
                "http://localhost:3000",
                allowed.headers().firstValue("access-control-allow-origin").orElseThrow());
        assertEquals(
                "GET,PUT,POST,DELETE,OPTIONS",
                allowed.headers().firstValue("access-control-allow-methods").orElseThrow());
        assertEquals(
                "600", allowed.headers().firstValue("access-control-max-age").orElseThrow());

        HttpResponse<String> otherOrigin = send(apiRequest("/me")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "PUT")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
        assertTrue(
                otherOrigin.headers().firstValue("access-control-allow-origin").isEmpty());
        HttpResponse<String> otherHeader = send(apiRequest("/me")
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "x-secret")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
        assertTrue(
                otherHeader.headers().firstValue("access-control-allow-origin").isEmpty());
        assertTrue(RecordingHandlers.HTTP_CALLS.isEmpty());
    }

    @Test
    void devTokenEndpointSignsTokensTheAuthorizerAcceptsAndRejectsBadInput() throws Exception {
        HttpResponse<String> issued = send(request("/local/token")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"sub\":\"grace\",\"name\":\"Grace\",\"email\":\"g@example.org\"}"))
                .build());
        assertEquals(200, issued.statusCode());
        String token = String.valueOf(JSON.std.mapFrom(issued.body()).get("token"));
        send(apiRequest("/tags")
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
        assertEquals(
                "grace",
                received()
                        .event()
                        .getRequestContext()
                        .getAuthorizer()
                        .getJwt()
                        .getClaims()
                        .get("sub"));

        HttpResponse<String> withGroups = send(request("/local/token")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"grace\",\"email\":\"g@example.org\","
                        + "\"email_verified\":true,\"groups\":[\"roster-admins\",\"members\"]}"))
                .build());
        assertEquals(200, withGroups.statusCode(), withGroups.body());
        send(apiRequest("/tags")
                .header(
                        "Authorization",
                        "Bearer " + JSON.std.mapFrom(withGroups.body()).get("token"))
                .GET()
                .build());
        Map<String, String> claims =
                received().event().getRequestContext().getAuthorizer().getJwt().getClaims();
        // as API Gateway passes Cognito's claims on: an array as [a b], a boolean as text
        assertEquals("[roster-admins members]", claims.get("cognito:groups"));
        assertEquals("true", claims.get("email_verified"));
        HttpResponse<String> badGroups = send(request("/local/token")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"grace\",\"groups\":\"roster-admins\"}"))
                .build());
        assertEquals(400, badGroups.statusCode());
        assertTrue(badGroups.body().contains("\"code\":\"invalid_groups\""), badGroups.body());

        HttpResponse<String> noSub = send(request("/local/token")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Grace\"}"))
                .build());
        assertEquals(400, noSub.statusCode());
        assertTrue(noSub.body().contains("\"code\":\"invalid_sub\""));
        HttpResponse<String> notJson = send(request("/local/token")
                .POST(HttpRequest.BodyPublishers.ofString("sub=grace"))
                .build());
        assertEquals(400, notJson.statusCode());
        HttpResponse<String> discovery =
                send(request("/local/.well-known/openid-configuration").GET().build());
        assertEquals(issuer.issuer(), JSON.std.mapFrom(discovery.body()).get("issuer"));
    }

    @Test
    void bodyOverTheTenMegabytePayloadLimitIsRefusedBeforeTheFunction() throws Exception {
        HttpResponse<String> response = send(apiRequest("/me")
                .header("Authorization", "Bearer " + token("ada"))
                .header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[IncomingRequest.MAX_BODY_BYTES + 1]))
                .build());
        assertEquals(413, response.statusCode());
        assertEquals("{\"message\":\"Request Entity Too Large\"}", response.body());
        assertTrue(RecordingHandlers.HTTP_CALLS.isEmpty());
    }

    @Test
    void webClientIsServedAtTheRoot() throws Exception {
        HttpResponse<String> index = send(request("/").GET().build());
        assertEquals(200, index.statusCode());
        assertTrue(index.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        assertEquals(404, send(request("/../pom.xml").GET().build()).statusCode());
    }

    @Test
    void everyAnswerOfTheDistributionCarriesTheTemplatesSecurityHeaders() throws Exception {
        for (HttpResponse<String> response : List.of(
                send(request("/").GET().build()),
                send(apiRequest("/me").GET().build()),
                send(request("/photos/nobody/none.jpg").GET().build()))) {
            var headers = response.headers();
            assertEquals("nosniff", headers.firstValue("x-content-type-options").orElseThrow());
            assertEquals("DENY", headers.firstValue("x-frame-options").orElseThrow());
            assertTrue(headers.firstValue("strict-transport-security")
                    .orElseThrow()
                    .startsWith("max-age="));
            String csp = headers.firstValue("content-security-policy").orElseThrow();
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"), csp);
            assertFalse(csp.contains("unsafe-inline"), csp);
        }
        // the local issuer is not part of the distribution
        assertTrue(send(request("/local/.well-known/openid-configuration").GET().build())
                .headers()
                .firstValue("content-security-policy")
                .isEmpty());
    }

    @Test
    void siteApiAndPhotosShareOneOriginUnderTheDistributionsPaths() throws Exception {
        assertEquals("/api", api.basePath());
        // a route's path outside /api is the site's, not the API's: no function runs
        HttpResponse<String> outside = send(request("/profiles")
                .header("Authorization", "Bearer " + token("ada"))
                .GET()
                .build());
        assertEquals(404, outside.statusCode());
        assertEquals(
                403,
                send(request("/me")
                                .header("Authorization", "Bearer " + token("ada"))
                                .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                                .build())
                        .statusCode());
        assertTrue(RecordingHandlers.HTTP_CALLS.isEmpty());
        // under /api, what no route matches is API Gateway's own 404
        HttpResponse<String> noRoute = send(apiRequest("/index.html").GET().build());
        assertEquals(404, noRoute.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", noRoute.body());
        assertEquals(404, send(request("/photos/nobody/none.jpg").GET().build()).statusCode());
    }
}
