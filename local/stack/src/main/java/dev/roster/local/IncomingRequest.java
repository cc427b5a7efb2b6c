package dev.roster.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as it reached the local server: raw path and query (still percent-encoded), every header
 * value in order under its lower-cased name, the body, the peer's address.
 */
public record IncomingRequest(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        String sourceIp,
        String protocol) {
    /** API Gateway's payload limit for HTTP APIs. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    public static final class TooLarge extends IOException {
        TooLarge() {
            super("request body over " + MAX_BODY_BYTES + " bytes");
        }
    }

    static IncomingRequest read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach(
                        (name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                                .addAll(values));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new TooLarge();
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        return new IncomingRequest(
                exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getRawPath(),
                rawQuery == null ? "" : rawQuery,
                headers,
                body,
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                exchange.getProtocol());
    }

    /** Header values joined by commas, as API Gateway joins repeated headers; null when absent. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? null : String.join(",", values);
    }

    /** Every header, repeated values joined with commas. */
    public Map<String, String> joinedHeaders() {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> out.put(name, String.join(",", values)));
        return out;
    }

    public String target() {
        return rawQuery.isEmpty() ? rawPath : rawPath + "?" + rawQuery;
    }
}
