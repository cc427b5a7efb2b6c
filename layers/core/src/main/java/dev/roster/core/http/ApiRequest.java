package dev.roster.core.http;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP API (payload 2.0) request, read by the function itself from the event JSON Lambda hands it (the
 * same JSON as the files in {@code events/}): no reflection, no event classes, only the fields roster uses.
 * {@code claims} are the token's claims the JWT authorizer verified ({@code requestContext.authorizer.jwt.claims}),
 * which {@link Membership#admit} turns into the caller.
 */
public record ApiRequest(
        String routeKey,
        String rawPath,
        String rawQuery,
        Map<String, String> headers,
        Map<String, String> joinedQuery,
        Map<String, String> pathParameters,
        String body,
        boolean base64,
        Map<String, String> claims) {

    public ApiRequest {
        Map<String, String> lowerCase = new LinkedHashMap<>();
        headers.forEach((name, value) -> lowerCase.put(name.toLowerCase(Locale.ROOT), value));
        headers = lowerCase;
    }

    /** Reads the event from the stream Lambda passes a stream handler; an event that is not JSON is a 400. */
    public static ApiRequest read(InputStream event) {
        try {
            return of(JSON.std.mapFrom(event));
        } catch (IOException e) {
            throw ApiException.badRequest(
                    "invalid_event", "the event is not an HTTP API JSON object: " + e.getMessage());
        }
    }

    /** The request an event (payload 2.0, as a JSON map) describes. */
    public static ApiRequest of(Map<String, Object> event) {
        Map<String, Object> context = map(event.get("requestContext"));
        Map<String, Object> http = map(context.get("http"));
        Map<String, Object> jwt = map(map(context.get("authorizer")).get("jwt"));
        String rawPath = string(event.get("rawPath"));
        Map<String, String> pathParameters = strings(event.get("pathParameters"));
        String routeKey = string(event.get("routeKey"));
        if (routeKey.isBlank()) {
            routeKey = string(context.get("routeKey"));
        }
        if (routeKey.isBlank()) {
            // a hand-made event without its route: the path with its parameters put back as names
            String path = rawPath;
            for (Map.Entry<String, String> parameter : pathParameters.entrySet()) {
                path = path.replace("/" + parameter.getValue(), "/{" + parameter.getKey() + "}");
            }
            routeKey = string(http.get("method")) + " " + path;
        }
        return new ApiRequest(
                routeKey,
                rawPath,
                string(event.get("rawQueryString")),
                strings(event.get("headers")),
                strings(event.get("queryStringParameters")),
                pathParameters,
                event.get("body") == null ? null : string(event.get("body")),
                Boolean.TRUE.equals(event.get("isBase64Encoded")),
                claims(map(jwt.get("claims"))));
    }

    /** What a route this function does not serve is (API Gateway sends none: a hand-made event). */
    public ApiException unknownRoute() {
        return new ApiException(ApiError.notFound("no route " + routeKey + " in this function"));
    }

    /** A header by name, case-insensitively (HTTP API lower-cases them; hand-made events may not). */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    /**
     * Query parameters with every value of a repeated name ({@code tag=a&tag=b}). The raw query string is the
     * source of truth: API Gateway joins repeated values with commas in {@code queryStringParameters}.
     */
    public Map<String, List<String>> queryParameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (!rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
            return parameters;
        }
        joinedQuery.forEach((name, value) -> parameters.put(name, List.of(value.split(",", -1))));
        return parameters;
    }

    /** The request body as text, refused with 413 above {@code maxBytes}; empty when there is none. */
    public String body(int maxBytes) {
        if (body == null) {
            return "";
        }
        byte[] bytes;
        if (base64) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_body", "the body is flagged base64 but is not valid base64");
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > maxBytes) {
            throw new ApiException(
                    413,
                    "body_too_large",
                    "the body is " + bytes.length + " bytes; send at most " + maxBytes + " bytes");
        }
        return base64 ? new String(bytes, StandardCharsets.UTF_8) : body;
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_query", "the query string is not valid URL encoding: " + part);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> strings = new LinkedHashMap<>();
        map(value).forEach((name, item) -> {
            if (item != null) {
                strings.put(name, string(item));
            }
        });
        return strings;
    }

    /**
     * The claims as the HTTP API JWT authorizer passes them: strings, an array flattened to {@code [a b]} (a
     * hand-made event may hold a JSON array: it is read the same way).
     */
    private static Map<String, String> claims(Map<String, Object> claims) {
        Map<String, String> strings = new LinkedHashMap<>();
        claims.forEach((name, value) -> {
            if (value instanceof List<?> list) {
                strings.put(
                        name,
                        "["
                                + String.join(
                                        " ", list.stream().map(String::valueOf).toList()) + "]");
            } else if (value != null) {
                strings.put(name, value.toString());
            }
        });
        return strings;
    }

    private static String string(Object value) {
        return value == null ? "" : value.toString();
    }
}
