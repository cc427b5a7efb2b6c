package dev.roster.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.roster.core.http.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * JSON in and out with jackson-jr (small, no reflection over beans: bodies are read as maps and checked
 * field by field by {@link JsonFields}; responses are written from maps and lists).
 */
public final class Json {
    private static final JSON STRICT = JSON.std.with(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS);
    /** Nulls are written: {@code "next": null} and {@code "photo": null} are part of the API's shapes. */
    private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

    private Json() {}

    /** A request body that must be one JSON object and nothing after it; anything else is a 400 that says so. */
    public static Map<String, Object> parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("invalid_json", "the body is empty; send a JSON object");
        }
        try (JsonParser parser = STRICT.createParser(body)) {
            Object value = STRICT.anyFrom(parser);
            if (!(value instanceof Map<?, ?> map)) {
                throw ApiException.badRequest("invalid_json", "the body must be a JSON object ({...})");
            }
            if (parser.nextToken() != null) {
                throw ApiException.badRequest(
                        "invalid_json", "the body has content after the JSON object; send exactly one object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return object;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "the body is not valid JSON: " + reason(e));
        } catch (IOException e) {
            // jackson-jr reports some structural problems (duplicate keys) as plain IOExceptions
            throw ApiException.badRequest("invalid_json", "the body is not valid JSON: " + e.getMessage());
        }
    }

    /**
     * The parser's reason and where: at the end of the input jackson glues two messages together
     * ("Unexpected end-of-inputNo digit following sign"), so that case gets one sentence of its own.
     */
    private static String reason(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        if (e instanceof JsonEOFException) {
            return "it ends before the JSON value is complete" + where;
        }
        return e.getOriginalMessage() + where;
    }

    public static String write(Object value) {
        try {
            return WRITER.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("response not serialisable", e);
        }
    }

    public static Map<String, Object> parseTrusted(String json) {
        try {
            return JSON.std.mapFrom(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON object", e);
        }
    }
}
