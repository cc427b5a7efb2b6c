package dev.roster.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the event API Gateway sends a Lambda integration with payload format 2.0, as JSON-ready maps:
 * {@code routeKey}, {@code rawPath}, {@code rawQueryString}, {@code cookies}, lower-cased {@code headers}
 * (repeated ones joined by commas, cookies moved out), {@code queryStringParameters} (decoded, repeated
 * ones joined by commas), {@code pathParameters}, {@code body} (base64 unless textual) and a
 * {@code requestContext} with {@code http}, the request id and the JWT authorizer's claims and scopes.
 */
public final class HttpApiEvents {
    static final String API_ID = "local";
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern(
                    "dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private HttpApiEvents() {}

    public static Map<String, Object> event(
            IncomingRequest request,
            String stage,
            HttpApiDefinition.Match match,
            JwtAuthorizer.Allowed authorization,
            String requestId,
            String host,
            Instant time) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", match.route().routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());

        Map<String, String> headers = request.joinedHeaders();
        String cookieHeader = headers.remove("cookie");
        if (cookieHeader != null) {
            List<String> cookies = new ArrayList<>();
            for (String cookie : cookieHeader.split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.trim());
                }
            }
            event.put("cookies", cookies);
        }
        headers.putIfAbsent("x-forwarded-for", request.sourceIp());
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-forwarded-port", host.contains(":") ? host.substring(host.lastIndexOf(':') + 1) : "80");
        event.put("headers", headers);

        Map<String, String> query = queryStringParameters(request.rawQuery());
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }

        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));

        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", dev.roster.emulator.LocalAws.ACCOUNT_ID);
        context.put("apiId", API_ID);
        if (authorization != null) {
            Map<String, Object> jwt = new LinkedHashMap<>();
            jwt.put("claims", authorization.claims());
            jwt.put("scopes", authorization.scopes());
            context.put("authorizer", Map.of("jwt", jwt));
        }
        String hostName = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        context.put("domainName", hostName);
        context.put("domainPrefix", hostName.contains(".") ? hostName.substring(0, hostName.indexOf('.')) : hostName);
        context.put("http", http);
        context.put("requestId", requestId);
        context.put("routeKey", match.route().routeKey());
        context.put("stage", stage);
        context.put("time", REQUEST_TIME.format(time));
        context.put("timeEpoch", time.toEpochMilli());
        event.put("requestContext", context);

        if (!match.pathParameters().isEmpty()) {
            Map<String, String> decoded = new LinkedHashMap<>();
            match.pathParameters().forEach((name, value) -> decoded.put(name, decode(value)));
            event.put("pathParameters", decoded);
        }
        if (request.body().length > 0) {
            boolean text = isText(headers.get("content-type"));
            event.put(
                    "body",
                    text
                            ? new String(request.body(), StandardCharsets.UTF_8)
                            : Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** Decoded names and values; a repeated name's values joined by commas, in order ({@code ?tag=a&tag=b} → {@code a,b}). */
    static Map<String, String> queryStringParameters(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            out.merge(name, value, (first, next) -> first + "," + next);
        }
        return out;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }

    /** Bodies of these types reach the function as text; anything else (images, octet streams) as base64. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return type.startsWith("text/")
                || type.equals("application/json")
                || type.endsWith("+json")
                || type.equals("application/xml")
                || type.endsWith("+xml")
                || type.equals("application/javascript")
                || type.equals("application/x-www-form-urlencoded");
    }
}
