package dev.roster.local;

import static dev.roster.emulator.SamTemplate.asList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP API {@code CorsConfiguration}, applied the way API Gateway applies it: preflight {@code OPTIONS}
 * requests are answered by the gateway itself (no route, no authorizer), and every other response to an
 * allowed origin gets the configured headers, replacing any CORS headers the integration returned.
 */
public record CorsPolicy(
        List<String> allowOrigins,
        List<String> allowMethods,
        List<String> allowHeaders,
        List<String> exposeHeaders,
        Integer maxAgeSeconds,
        boolean allowCredentials) {
    public static final CorsPolicy NONE = new CorsPolicy(List.of(), List.of(), List.of(), List.of(), null, false);

    static CorsPolicy from(Map<String, Object> configuration) {
        return new CorsPolicy(
                strings(configuration.get("AllowOrigins")),
                strings(configuration.get("AllowMethods")),
                strings(configuration.get("AllowHeaders")),
                strings(configuration.get("ExposeHeaders")),
                configuration.containsKey("MaxAge")
                        ? Integer.valueOf(configuration.get("MaxAge").toString())
                        : null,
                Boolean.parseBoolean(String.valueOf(configuration.getOrDefault("AllowCredentials", "false"))));
    }

    public boolean enabled() {
        return !allowOrigins.isEmpty();
    }

    /** A browser's preflight: {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
    public static boolean isPreflight(String method, Map<String, String> headers) {
        return method.equals("OPTIONS")
                && headers.containsKey("origin")
                && headers.containsKey("access-control-request-method");
    }

    /** Headers of the gateway's own answer to a preflight; empty when the origin, method or a header is not allowed. */
    public Map<String, String> preflight(Map<String, String> headers) {
        String origin = headers.get("origin");
        String method =
                headers.getOrDefault("access-control-request-method", "").trim().toUpperCase(Locale.ROOT);
        if (!originAllowed(origin) || !methodAllowed(method)) {
            return Map.of();
        }
        String requested = headers.getOrDefault("access-control-request-headers", "");
        for (String header : requested.split(",")) {
            String name = header.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !headerAllowed(name)) {
                return Map.of();
            }
        }
        Map<String, String> out = new LinkedHashMap<>(origin(origin));
        out.put("access-control-allow-methods", String.join(",", allowMethods));
        if (!allowHeaders.isEmpty()) {
            out.put("access-control-allow-headers", String.join(",", allowHeaders));
        }
        if (maxAgeSeconds != null) {
            out.put("access-control-max-age", maxAgeSeconds.toString());
        }
        return out;
    }

    /** Headers added to an actual (non-preflight) response; empty when the request has no allowed origin. */
    public Map<String, String> actual(Map<String, String> headers) {
        String origin = headers.get("origin");
        if (!originAllowed(origin)) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>(origin(origin));
        if (!exposeHeaders.isEmpty()) {
            out.put("access-control-expose-headers", String.join(",", exposeHeaders));
        }
        return out;
    }

    static boolean isCorsHeader(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("access-control-");
    }

    private Map<String, String> origin(String origin) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("access-control-allow-origin", allowOrigins.contains("*") && !allowCredentials ? "*" : origin);
        if (allowCredentials) {
            out.put("access-control-allow-credentials", "true");
        }
        out.put("vary", "origin");
        return out;
    }

    private boolean originAllowed(String origin) {
        return origin != null && (allowOrigins.contains("*") || allowOrigins.contains(origin));
    }

    private boolean methodAllowed(String method) {
        return allowMethods.contains("*") || allowMethods.stream().anyMatch(m -> m.equalsIgnoreCase(method));
    }

    private boolean headerAllowed(String header) {
        return allowHeaders.contains("*") || allowHeaders.stream().anyMatch(h -> h.equalsIgnoreCase(header));
    }

    private static List<String> strings(Object value) {
        return value == null
                ? List.of()
                : asList(value).stream().map(String::valueOf).map(String::trim).toList();
    }
}
