package dev.roster.core.json;

import dev.roster.core.http.ApiException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, strict access to the fields of a parsed JSON object: unknown fields and wrong types are 400s that
 * name the field and what it should be.
 */
public final class JsonFields {
    private final Map<String, Object> object;

    public JsonFields(Map<String, Object> object, Set<String> allowed) {
        this.object = object;
        for (String name : object.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest(
                        "unknown_field",
                        "unknown field '" + name + "'; the allowed fields are "
                                + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    public String string(String name) {
        Object value = object.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        throw wrongType(name, "a string");
    }

    public Boolean bool(String name) {
        Object value = object.get(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw wrongType(name, "true or false");
    }

    public Long wholeNumber(String name) {
        Object value = object.get(name);
        return switch (value) {
            case null -> null;
            case Integer i -> i.longValue();
            case Long l -> l;
            case BigInteger b when b.bitLength() < 63 -> b.longValue();
            case BigInteger b -> throw wrongType(name, "a whole number below 2^63");
            case Double d when d == Math.rint(d) && Math.abs(d) < 1e15 -> d.longValue();
            case BigDecimal d
            when d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(1e15)) < 0 ->
                d.longValue();
            default -> throw wrongType(name, "a whole number");
        };
    }

    public List<String> strings(String name) {
        Object value = object.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(name, "an array of strings");
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object element : list) {
            if (!(element instanceof String s)) {
                throw wrongType(name, "an array of strings");
            }
            strings.add(s);
        }
        return strings;
    }

    private static ApiException wrongType(String name, String expected) {
        return ApiException.badRequest("invalid_type", "field '" + name + "' must be " + expected);
    }

    /** What a parsed JSON value is, in JSON's words (never a Java class name): for messages. */
    public static String jsonType(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "a string";
            case Boolean b -> b.toString();
            case Number n -> "a number";
            case List<?> list -> "an array";
            case Map<?, ?> map -> "an object";
            default -> "an unexpected value";
        };
    }
}
