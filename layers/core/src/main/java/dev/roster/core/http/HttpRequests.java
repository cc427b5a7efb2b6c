package dev.roster.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what a handler needs from an HTTP API (payload 2.0) event. */
public final class HttpRequests {
    private HttpRequests() {
    }

    /** The claims the JWT authorizer verified (none without a JWT authorizer). */
    public static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        var authorizer = context == null ? null : context.getAuthorizer();
        var jwt = authorizer == null ? null : authorizer.getJwt();
        Map<String, String> claims = jwt == null ? null : jwt.getClaims();
        return claims == null ? Map.of() : claims;
    }

    public static String pathParameter(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> parameters = event.getPathParameters();
        return parameters == null ? null : parameters.get(name);
    }

    /** A header by name, case-insensitively (HTTP API lower-cases them; local callers may not). */
    public static String header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    /**
     * Query parameters with every value of a repeated name ({@code tag=a&tag=b}). The raw query string is the
     * source of truth: API Gateway joins repeated values with commas in {@code queryStringParameters}.
     */
    public static Map<String, List<String>> queryParameters(APIGatewayV2HTTPEvent event) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        String raw = event.getRawQueryString();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
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
        Map<String, String> joined = event.getQueryStringParameters();
        if (joined != null) {
            joined.forEach((name, value) -> parameters.put(name, List.of(value.split(",", -1))));
        }
        return parameters;
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_query", "the query string is not valid URL encoding: " + part);
        }
    }

    /** The request body as text, refused with 413 above {@code maxBytes}; empty when there is none. */
    public static String body(APIGatewayV2HTTPEvent event, int maxBytes) {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_body", "the body is flagged base64 but is not valid base64");
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > maxBytes) {
            throw new ApiException(413, "body_too_large",
                    "the body is " + bytes.length + " bytes; send at most " + maxBytes + " bytes");
        }
        return event.getIsBase64Encoded() ? new String(bytes, StandardCharsets.UTF_8) : body;
    }
}
