package dev.roster.junit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP API (payload 2.0) events as API Gateway hands them to a function behind the JWT authorizer: route
 * key, raw path and query, lower-case headers, and the verified claims under
 * {@code requestContext.authorizer.jwt.claims}. For tests that vary what {@code events/} shows once.
 */
public final class HttpApiEvents {
    private final String method;
    private final String routePath;
    private String path;
    private String sub = "member-1";
    private String rawQuery = "";
    private String body;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> pathParameters = new HashMap<>();
    private final Map<String, String> extraClaims = new LinkedHashMap<>();

    private HttpApiEvents(String method, String routePath) {
        this.method = method;
        this.routePath = routePath;
        this.path = routePath;
    }

    /** A request to the route {@code "GET /profiles/{id}"} etc.; fill path parameters with {@link #pathParameter}. */
    public static HttpApiEvents route(String routeKey) {
        String[] parts = routeKey.split(" ", 2);
        return new HttpApiEvents(parts[0], parts[1]);
    }

    public HttpApiEvents as(String subject) {
        this.sub = subject;
        return this;
    }

    /** A further claim of the token, as the JWT authorizer passes it on (a string: {@code "true"}, {@code "[a b]"}). */
    public HttpApiEvents claim(String name, String value) {
        extraClaims.put(name, value);
        return this;
    }

    /** The token's e-mail address, verified by its issuer. */
    public HttpApiEvents verifiedEmail(String email) {
        return claim("email", email).claim("email_verified", "true");
    }

    public HttpApiEvents query(String rawQueryString) {
        this.rawQuery = rawQueryString;
        return this;
    }

    public HttpApiEvents body(String json) {
        this.body = json;
        return this;
    }

    public HttpApiEvents header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    public HttpApiEvents pathParameter(String name, String value) {
        pathParameters.put(name, value);
        path = path.replace("{" + name + "}", value);
        return this;
    }

    public APIGatewayV2HTTPEvent build() {
        Map<String, String> allHeaders = new LinkedHashMap<>();
        allHeaders.put("accept", "application/json");
        allHeaders.put("authorization", "Bearer test-token");
        allHeaders.put("host", "api.roster.test");
        if (body != null) {
            allHeaders.put("content-type", "application/json");
        }
        allHeaders.putAll(headers);
        Map<String, String> joinedQuery = new LinkedHashMap<>();
        if (!rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                joinedQuery.merge(kv[0], kv.length > 1 ? kv[1] : "", (a, b) -> a + "," + b);
            }
        }
        var claims = new LinkedHashMap<String, String>();
        claims.put("sub", sub);
        claims.put("iss", "http://127.0.0.1/roster-test-issuer");
        claims.put("aud", "roster-test");
        claims.putAll(extraClaims);
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + routePath)
                .withRawPath(path)
                .withRawQueryString(rawQuery)
                .withQueryStringParameters(joinedQuery.isEmpty() ? null : joinedQuery)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withHeaders(allHeaders)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(method + " " + routePath)
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(claims).build())
                                .build())
                        .build())
                .build();
    }
}
