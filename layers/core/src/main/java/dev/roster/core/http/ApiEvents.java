package dev.roster.core.http;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.roster.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP API (payload 2.0) events made in code, as API Gateway hands them to a function behind the JWT
 * authorizer: route key, raw path and query, lower-case headers, and the verified claims under
 * {@code requestContext.authorizer.jwt.claims}. The one builder of such events: SnapStart priming sends them
 * through the real request path, and tests vary with them what {@code events/} shows once.
 */
public final class ApiEvents {
    /** The subject of priming's requests (no such member exists). */
    public static final String PRIMING_SUB = "snapstart-priming";

    private final String method;
    private final String routePath;
    private String path;
    private String sub = "member-1";
    private String rawQuery = "";
    private String body;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private final Map<String, Object> extraClaims = new LinkedHashMap<>();

    private ApiEvents(String method, String routePath) {
        this.method = method;
        this.routePath = routePath;
        this.path = routePath;
    }

    /** A request to the route {@code "GET /profiles/{id}"} etc.; fill path parameters with {@link #pathParameter}. */
    public static ApiEvents route(String routeKey) {
        String[] parts = routeKey.split(" ", 2);
        return new ApiEvents(parts[0], parts[1]);
    }

    public ApiEvents as(String subject) {
        this.sub = subject;
        return this;
    }

    /** A further claim of the token, as the JWT authorizer passes it on (a string: {@code "true"}, {@code "[a b]"}). */
    public ApiEvents claim(String name, Object value) {
        extraClaims.put(name, value);
        return this;
    }

    /** The token's e-mail address, verified by its issuer. */
    public ApiEvents verifiedEmail(String email) {
        return claim("email", email).claim("email_verified", "true");
    }

    /** The groups claim as the HTTP API JWT authorizer flattens it: {@code "[a b]"}. */
    public ApiEvents groups(String... groups) {
        return claim(Membership.DEFAULT_GROUP_CLAIM, "[" + String.join(" ", groups) + "]");
    }

    /** A member with subject {@code sub} as {@code membership} defines one (in its member group, if it has one). */
    public ApiEvents asMember(Membership membership, String sub) {
        as(sub);
        membership.memberClaims(sub).forEach(this::claim);
        return this;
    }

    public ApiEvents query(String rawQueryString) {
        this.rawQuery = rawQueryString;
        return this;
    }

    public ApiEvents body(String json) {
        this.body = json;
        return this;
    }

    public ApiEvents header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    public ApiEvents pathParameter(String name, String value) {
        pathParameters.put(name, value);
        path = path.replace("{" + name + "}", value);
        return this;
    }

    /** The event as JSON maps and lists (what a JSON parser makes of the event Lambda passes). */
    public Map<String, Object> event() {
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
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("iss", "http://127.0.0.1/roster-test-issuer");
        claims.put("aud", "roster-test");
        claims.putAll(extraClaims);
        String routeKey = method + " " + routePath;
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put("rawQueryString", rawQuery);
        event.put("headers", allHeaders);
        if (!joinedQuery.isEmpty()) {
            event.put("queryStringParameters", joinedQuery);
        }
        if (!pathParameters.isEmpty()) {
            event.put("pathParameters", pathParameters);
        }
        event.put(
                "requestContext",
                Map.of(
                        "routeKey",
                        routeKey,
                        "stage",
                        "$default",
                        "requestId",
                        "made-in-code",
                        "http",
                        Map.of("method", method, "path", path, "protocol", "HTTP/1.1", "sourceIp", "127.0.0.1"),
                        "authorizer",
                        Map.of("jwt", Map.of("claims", claims, "scopes", List.of()))));
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    public String json() {
        return Json.write(event());
    }

    /**
     * Sends the event through a stream handler as Lambda does (SnapStart priming) and returns the response
     * body; any other status than {@code expectedStatus} means the priming is broken, and fails it.
     */
    public Map<String, Object> sendTo(RequestStreamHandler handler, int expectedStatus) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(stream(), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> response = Json.parseTrusted(out.toString(StandardCharsets.UTF_8));
        if (!Integer.valueOf(expectedStatus).equals(response.get("statusCode"))) {
            throw new IllegalStateException(routePath + ": priming request answered " + response);
        }
        Object body = response.get("body");
        return body == null ? Map.of() : Json.parseTrusted((String) body);
    }

    /** The event as the stream Lambda passes a stream handler. */
    public InputStream stream() {
        return new ByteArrayInputStream(json().getBytes(StandardCharsets.UTF_8));
    }
}
