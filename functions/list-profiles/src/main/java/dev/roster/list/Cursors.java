package dev.roster.list;

import dev.roster.core.http.ApiException;
import dev.roster.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque list cursors: the position to continue from (DynamoDB's {@code LastEvaluatedKey}), the shape of the
 * query it belongs to and an expiry, HMAC-SHA256 signed. A cursor that was altered, has expired or belongs
 * to another query (other tags, other {@code q}, other community) is refused with a 400 that says so, before
 * anything reaches DynamoDB.
 * <p>
 * Format: {@code base64url(payload JSON) "." base64url(HMAC)}, URL-safe without escaping.
 */
final class Cursors {
    static final Duration LIFETIME = Duration.ofHours(1);
    static final int MAX_CURSOR_CHARS = 2048;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    Cursors(String secret, Clock clock) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = clock;
    }

    /** Where to continue a query of {@code shape}: the string key attributes of DynamoDB's LastEvaluatedKey. */
    String encode(String shape, Map<String, String> position) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("s", shape);
        payload.put("e", clock.instant().plus(LIFETIME).getEpochSecond());
        payload.put("k", position);
        byte[] bytes = Json.write(payload).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    /** The position a cursor holds, if it is ours, unexpired and for this very query. */
    Map<String, String> decode(String cursor, String shape) {
        if (cursor.length() > MAX_CURSOR_CHARS) {
            throw invalid("cursor is too long to be one this API issued; drop it to start from the first page");
        }
        int dot = cursor.indexOf('.');
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(cursor.substring(0, Math.max(dot, 0)));
            signature = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid(
                    "cursor is malformed; pass back the 'next' value exactly as received, or drop it to start again");
        }
        if (dot <= 0 || !MessageDigest.isEqual(mac(payload), signature)) {
            throw invalid(
                    "cursor was altered or not issued by this API; pass back the 'next' value exactly as received");
        }
        Map<String, Object> fields = Json.parseTrusted(new String(payload, StandardCharsets.UTF_8));
        if (!shape.equals(fields.get("s"))) {
            throw invalid("cursor belongs to a different query (tag or q changed); drop it to start the new query"
                    + " from its first page");
        }
        if (!(fields.get("e") instanceof Number expiry)
                || expiry.longValue() < clock.instant().getEpochSecond()) {
            throw invalid("cursor has expired (cursors last " + LIFETIME.toMinutes() + " minutes); start again from"
                    + " the first page");
        }
        Map<String, String> position = new LinkedHashMap<>();
        if (fields.get("k") instanceof Map<?, ?> key) {
            key.forEach((name, value) -> position.put(name.toString(), value.toString()));
        }
        return position;
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("invalid_cursor", message);
    }
}
