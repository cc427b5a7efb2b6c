package dev.roster.core.profile;

import dev.roster.core.http.ApiException;
import dev.roster.core.json.JsonFields;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the member wants their crops centred: {@code x} from the left edge, {@code y} from the top edge of
 * the upright photo, each 0 to 1. The crop window centres on it as far as the photo allows (it is clamped
 * to the image, never padded).
 */
public record FocalPoint(double x, double y) {
    private static final Set<String> FIELDS = Set.of("x", "y");
    private static final String WANTED = "an object {\"x\": 0..1, \"y\": 0..1} (fractions of the photo's width"
            + " and height from its top-left corner)";

    public FocalPoint {
        if (!inRange(x) || !inRange(y)) {
            throw new IllegalArgumentException("a focal point is two fractions 0..1, not (" + x + ", " + y + ")");
        }
    }

    /**
     * Parses the JSON value of {@code field} (null: the request body itself): anything but two numbers 0..1 is
     * a 400 saying what to send.
     */
    public static FocalPoint fromJson(String field, Object value) {
        String where = field == null ? "the body" : field;
        if (!(value instanceof Map<?, ?> map)) {
            throw ApiException.badRequest(
                    "invalid_focal_point", where + " must be " + WANTED + ", not " + JsonFields.jsonType(value));
        }
        for (Object name : map.keySet()) {
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest(
                        "invalid_focal_point",
                        where + " has an unknown field '" + name + "'; the allowed fields are "
                                + String.join(", ", new TreeSet<>(FIELDS)));
            }
        }
        String prefix = field == null ? "" : field + ".";
        return new FocalPoint(fraction(prefix, "x", map.get("x")), fraction(prefix, "y", map.get("y")));
    }

    private static double fraction(String field, String name, Object value) {
        double number = switch (value) {
            case null ->
                throw ApiException.badRequest("invalid_focal_point", field + name + " is missing; send " + WANTED);
            case Integer i -> i;
            case Long l -> l;
            case Double d -> d;
            case Float f -> f;
            case BigDecimal d -> d.doubleValue();
            case java.math.BigInteger b -> b.doubleValue();
            default ->
                throw ApiException.badRequest(
                        "invalid_focal_point",
                        field + name + " must be a number from 0 to 1, not " + JsonFields.jsonType(value));
        };
        if (!inRange(number)) {
            throw ApiException.badRequest(
                    "invalid_focal_point",
                    field + name + " is " + value + "; it must be from 0 (left/top edge) to 1 (right/bottom edge)");
        }
        return number;
    }

    private static boolean inRange(double value) {
        return value >= 0 && value <= 1; // NaN fails both
    }

    public Map<String, Object> json() {
        return Map.of("x", x, "y", y);
    }
}
