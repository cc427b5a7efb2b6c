package dev.roster.core.observe;

import dev.roster.core.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The functions' log: one JSON object per line on stdout, each carrying the invocation's request id and,
 * once known, the profile id it is about, so CloudWatch Logs Insights can follow one request or one
 * profile ({@code filter profileId = "…"}). Lambda passes stdout lines through as they are, so these lines
 * are the log events, and {@link Metrics} lines among them are read as Embedded Metric Format.
 * <p>
 * Nothing private goes here: no e-mail addresses, names, bios or tokens; ids and reasons only.
 * <p>
 * One invocation runs on one thread at a time (Lambda, and the local stack), so the context is per thread.
 */
public final class Log {
    private static final ThreadLocal<Map<String, String>> CONTEXT = ThreadLocal.withInitial(LinkedHashMap::new);
    private static volatile Consumer<String> sink = line -> System.out.println(line);
    private static volatile String function = "roster";

    private Log() {}

    /** The function's short name on every line ({@code AWS_LAMBDA_FUNCTION_NAME} when there is one). */
    public static void function(String name) {
        String deployed = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        function = deployed == null || deployed.isBlank() ? name : deployed;
    }

    public static String functionName() {
        return function;
    }

    /** Starts an invocation: its request id from then on, no profile yet. */
    public static void begin(com.amazonaws.services.lambda.runtime.Context context) {
        begin(context == null ? null : context.getAwsRequestId());
    }

    public static void begin(String requestId) {
        Map<String, String> context = CONTEXT.get();
        context.clear();
        if (requestId != null) {
            context.put("requestId", requestId);
        }
    }

    /** The profile the rest of the invocation is about (null: none, or no longer one). */
    public static void profileId(String profileId) {
        if (profileId == null) {
            CONTEXT.get().remove("profileId");
        } else {
            CONTEXT.get().put("profileId", profileId);
        }
    }

    /** The current context (request id, profile id), e.g. for a metrics line. */
    public static Map<String, String> context() {
        return Map.copyOf(CONTEXT.get());
    }

    public static void info(String message, Object... keysAndValues) {
        write("INFO", message, null, keysAndValues);
    }

    public static void warn(String message, Object... keysAndValues) {
        write("WARN", message, null, keysAndValues);
    }

    public static void error(String message, Throwable error, Object... keysAndValues) {
        write("ERROR", message, error, keysAndValues);
    }

    /** Where lines go (tests read them; the default is stdout). */
    public static void sink(Consumer<String> lines) {
        sink = lines;
    }

    /** Runs {@code work} (SnapStart priming) with its log and metric lines dropped: they would count a request that never was. */
    public static void quietly(Runnable work) {
        Consumer<String> previous = sink;
        sink = line -> {};
        try {
            work.run();
        } finally {
            sink = previous;
            CONTEXT.get().clear();
        }
    }

    public static void toStdout() {
        sink = line -> System.out.println(line);
    }

    static void raw(String line) {
        sink.accept(line);
    }

    private static void write(String level, String message, Throwable error, Object[] keysAndValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("function", function);
        line.putAll(CONTEXT.get());
        line.put("message", message);
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            line.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        if (error != null) {
            line.put("errorType", error.getClass().getName());
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            line.put("stackTrace", trace.toString());
        }
        sink.accept(Json.write(line));
    }
}
