package dev.roster.core.observe;

import dev.roster.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch metrics as Embedded Metric Format log lines: one JSON object holding the values and an
 * {@code _aws} directive naming them, written to stdout, from which CloudWatch Logs makes the metrics
 * (no API call, no agent, no library). Every metric carries the {@code Function} dimension; {@link #by}
 * adds a second, low-cardinality one (a rejection category, never free text). The line also carries the
 * request and profile ids, so a metric's log event leads back to its request.
 *
 * <pre>{"_aws":{"Timestamp":…,"CloudWatchMetrics":[{"Namespace":"roster","Dimensions":[["Function"]],
 *   "Metrics":[{"Name":"PhotosProcessed","Unit":"Count"}]}]},"Function":"thumbnail","PhotosProcessed":1,…}</pre>
 */
public final class Metrics {
    public static final String DEFAULT_NAMESPACE = "roster";

    public enum Unit {
        COUNT("Count"),
        MILLISECONDS("Milliseconds"),
        NONE("None");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }
    }

    private static volatile String namespace = DEFAULT_NAMESPACE;

    private final String function;
    private final Map<String, Number> values = new LinkedHashMap<>();
    private final Map<String, Unit> units = new LinkedHashMap<>();
    private String extraDimension;
    private String extraValue;

    private Metrics(String function) {
        this.function = function;
    }

    /** The namespace of every metric (template.yaml sets {@code METRICS_NAMESPACE} per stack). */
    public static void namespace(String name) {
        namespace = name == null || name.isBlank() ? DEFAULT_NAMESPACE : name;
    }

    /** Metrics of one unit of work (a request, a photo) of the current function. */
    public static Metrics start() {
        return new Metrics(Log.functionName());
    }

    public Metrics put(String name, Number value, Unit unit) {
        values.put(name, value);
        units.put(name, unit);
        return this;
    }

    public Metrics count(String name) {
        return put(name, 1, Unit.COUNT);
    }

    /** Also publishes every value by {@code dimension} (e.g. {@code Reason}); keep its values few. */
    public Metrics by(String dimension, String value) {
        this.extraDimension = dimension;
        this.extraValue = value;
        return this;
    }

    /** Writes the line (nothing when no value was put). */
    public void flush() {
        if (values.isEmpty()) {
            return;
        }
        Log.raw(Json.write(document(System.currentTimeMillis())));
    }

    Map<String, Object> document(long timestampMillis) {
        List<Map<String, Object>> definitions = new ArrayList<>();
        units.forEach((name, unit) -> definitions.add(Map.of("Name", name, "Unit", unit.cloudWatchName)));
        List<List<String>> dimensions = new ArrayList<>();
        dimensions.add(List.of("Function"));
        if (extraDimension != null) {
            dimensions.add(List.of("Function", extraDimension));
        }
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", namespace);
        directive.put("Dimensions", dimensions);
        directive.put("Metrics", definitions);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_aws", Map.of("Timestamp", timestampMillis, "CloudWatchMetrics", List.of(directive)));
        document.put("Function", function);
        if (extraDimension != null) {
            document.put(extraDimension, extraValue);
        }
        document.putAll(Log.context());
        document.putAll(values);
        return document;
    }
}
