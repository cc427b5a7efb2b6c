package dev.roster.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The local API Gateway: serves the HTTP API of {@code template.yaml} by routing each request to its
 * function, after the JWT authorizer and with the CORS configuration, and maps the function's payload 2.0
 * response back to HTTP. What API Gateway answers itself, it answers the same way: {@code 404
 * {"message":"Not Found"}} for no route, {@code 401 {"message":"Unauthorized"}} from the authorizer,
 * {@code 500 {"message":"Internal Server Error"}} for a function error or timeout, {@code 413} for a body
 * over 10 MB.
 */
public final class FrontDoor {
    private final HttpApiDefinition api;
    private final Map<String, JwtAuthorizer> authorizers;
    private final Function<String, LambdaFunction> functions;
    private final Clock clock;

    /**
     * @param functions the function for a logical id of the template (the local stack builds them from
     *                  the template's {@code Handler}s; tests may pass recording ones)
     */
    public FrontDoor(
            HttpApiDefinition api,
            Map<String, JwtAuthorizer> authorizers,
            Function<String, LambdaFunction> functions,
            Clock clock) {
        this.api = api;
        this.authorizers = Map.copyOf(authorizers);
        this.functions = functions;
        this.clock = clock;
        for (HttpApiDefinition.Route route : api.routes()) {
            if (!route.authorizer().equals("NONE") && !authorizers.containsKey(route.authorizer())) {
                throw new IllegalArgumentException("no authorizer " + route.authorizer() + " for " + route.routeKey());
            }
        }
    }

    /**
     * Whether this request is the API's: its path is under the stage's base path ({@code /api/…}), where API
     * Gateway answers every request itself or through a route (so no other local server should).
     */
    public boolean handles(IncomingRequest request) {
        return api.routePath(request.rawPath()).isPresent();
    }

    public Response handle(IncomingRequest request) {
        String requestId = UUID.randomUUID().toString();
        Map<String, String> requestHeaders = request.joinedHeaders();
        if (api.cors().enabled() && CorsPolicy.isPreflight(request.method(), requestHeaders)) {
            return new Response(204, api.cors().preflight(requestHeaders), new byte[0], "CORS preflight")
                    .withHeader("apigw-requestid", requestId);
        }
        Response response = route(request, requestId);
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().forEach((name, value) -> {
            if (!api.cors().enabled() || !CorsPolicy.isCorsHeader(name)) {
                headers.put(name, value);
            }
        });
        headers.putAll(api.cors().actual(requestHeaders));
        headers.put("apigw-requestid", requestId);
        return new Response(response.status(), headers, response.body(), response.note(), response.cookies());
    }

    private Response route(IncomingRequest request, String requestId) {
        Optional<HttpApiDefinition.Match> match = api.route(request.method(), request.rawPath());
        if (match.isEmpty()) {
            return Response.message(404, "Not Found", "no route");
        }
        HttpApiDefinition.Route route = match.get().route();
        JwtAuthorizer.Allowed authorization = null;
        if (!route.authorizer().equals("NONE")) {
            JwtAuthorizer.Decision decision =
                    authorizers.get(route.authorizer()).authorize(request.header("authorization"));
            switch (decision) {
                case JwtAuthorizer.Denied denied -> {
                    return Response.message(
                                    401,
                                    "Unauthorized",
                                    route.routeKey() + ": "
                                            + (denied.description() == null ? "no token" : denied.description()))
                            .withHeader("www-authenticate", denied.wwwAuthenticate());
                }
                case JwtAuthorizer.Allowed allowed -> authorization = allowed;
            }
        }
        Instant now = clock.instant();
        String host = Optional.ofNullable(request.header("host")).orElse("127.0.0.1");
        Map<String, Object> event =
                HttpApiEvents.event(request, api.stage(), match.get(), authorization, requestId, host, now);
        LambdaFunction function = functions.apply(route.functionId());
        String json;
        try {
            json = JSON.std.asString(event);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the event as JSON", e);
        }
        String note = route.routeKey() + " → " + route.functionId();
        return switch (function.invokeJson(json, requestId)) {
            case LambdaFunction.Returned returned -> fromPayload(returned.json(), note);
            case LambdaFunction.Failed failed ->
                Response.message(500, "Internal Server Error", note + " failed: " + failed.errorType());
            case LambdaFunction.TimedOut timedOut ->
                Response.message(
                        500,
                        "Internal Server Error",
                        note + " timed out after " + timedOut.timeout().toSeconds() + " s");
        };
    }

    /** A payload 2.0 response: with {@code statusCode} as given; without, the JSON itself is a 200 body. */
    static Response fromPayload(String json, String note) {
        if (json == null) {
            return new Response(200, Map.of("content-type", "application/json"), new byte[0], note);
        }
        Object parsed;
        try {
            parsed = JSON.std.anyFrom(json);
        } catch (IOException e) {
            return Response.message(500, "Internal Server Error", note + " returned malformed JSON");
        }
        if (!(parsed instanceof Map<?, ?> payload) || !payload.containsKey("statusCode")) {
            return new Response(
                    200, Map.of("content-type", "application/json"), json.getBytes(StandardCharsets.UTF_8), note);
        }
        int status;
        try {
            status = Integer.parseInt(String.valueOf(payload.get("statusCode")));
        } catch (NumberFormatException e) {
            return Response.message(
                    500, "Internal Server Error", note + " returned statusCode " + payload.get("statusCode"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (payload.get("headers") instanceof Map<?, ?> h) {
            h.forEach((name, value) ->
                    headers.put(String.valueOf(name).toLowerCase(java.util.Locale.ROOT), String.valueOf(value)));
        }
        List<String> cookies = new ArrayList<>();
        if (payload.get("cookies") instanceof List<?> c) {
            c.forEach(cookie -> cookies.add(String.valueOf(cookie)));
        }
        Object body = payload.get("body");
        boolean base64 = Boolean.TRUE.equals(payload.get("isBase64Encoded"))
                || Boolean.TRUE.equals(payload.get("base64Encoded"));
        byte[] bytes = body == null
                ? new byte[0]
                : base64
                        ? Base64.getDecoder().decode(body.toString())
                        : body.toString().getBytes(StandardCharsets.UTF_8);
        return new Response(status, headers, bytes, note, cookies);
    }

    /** What goes back to the client; {@code note} is for the request log only. */
    public record Response(int status, Map<String, String> headers, byte[] body, String note, List<String> cookies) {
        public Response(int status, Map<String, String> headers, byte[] body, String note) {
            this(status, headers, body, note, List.of());
        }

        static Response message(int status, String message, String note) {
            return new Response(
                    status,
                    Map.of("content-type", "application/json"),
                    ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8),
                    note);
        }

        Response withHeader(String name, String value) {
            Map<String, String> headers = new LinkedHashMap<>(this.headers);
            headers.put(name, value);
            return new Response(status, headers, body, note, cookies);
        }
    }
}
