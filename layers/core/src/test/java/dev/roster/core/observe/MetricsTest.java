package dev.roster.core.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lines CloudWatch reads: EMF documents as the specification shapes them, and log lines with their context. */
class MetricsTest {
    private final List<String> lines = new ArrayList<>();

    @AfterEach
    void stdout() {
        Log.toStdout();
        Metrics.namespace(null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void emfDocumentNamesEveryValueWithItsUnitAndDimensions() {
        Log.sink(lines::add);
        Log.function("thumbnail");
        Metrics.namespace("roster/test-stack");
        Log.begin("req-1");
        Log.profileId("AbCdEfGh");

        Metrics.start()
                .count("PhotosRejected")
                .put("ProcessingTime", 12, Metrics.Unit.MILLISECONDS)
                .by("Reason", "TooLarge")
                .flush();

        assertEquals(1, lines.size());
        Map<String, Object> doc = Json.parseTrusted(lines.getFirst());
        Map<String, Object> aws = (Map<String, Object>) doc.get("_aws");
        assertTrue(((Number) aws.get("Timestamp")).longValue() > 1_700_000_000_000L, "milliseconds since the epoch");
        Map<String, Object> directive = ((List<Map<String, Object>>) aws.get("CloudWatchMetrics")).getFirst();
        assertEquals("roster/test-stack", directive.get("Namespace"));
        assertEquals(List.of(List.of("Function"), List.of("Function", "Reason")), directive.get("Dimensions"));
        assertEquals(
                List.of(
                        Map.of("Name", "PhotosRejected", "Unit", "Count"),
                        Map.of("Name", "ProcessingTime", "Unit", "Milliseconds")),
                directive.get("Metrics"));
        // every dimension and metric named in the directive is a root member of the document
        assertEquals("thumbnail", doc.get("Function"));
        assertEquals("TooLarge", doc.get("Reason"));
        assertEquals(1, doc.get("PhotosRejected"));
        assertEquals(12, doc.get("ProcessingTime"));
        assertEquals("req-1", doc.get("requestId"));
        assertEquals("AbCdEfGh", doc.get("profileId"));
    }

    @Test
    void nothingPutNothingWritten() {
        Log.sink(lines::add);
        Metrics.start().flush();
        assertEquals(List.of(), lines);
    }

    @Test
    void logLinesCarryTheRequestAndProfileUntilTheNextInvocation() {
        Log.sink(lines::add);
        Log.begin("req-2");
        Log.profileId("AAAAAAAA");
        Log.info("one", "outcome", "Processed");
        Log.begin("req-3");
        Log.error("two", new IllegalStateException("boom"));

        Map<String, Object> first = Json.parseTrusted(lines.get(0));
        assertEquals("req-2", first.get("requestId"));
        assertEquals("AAAAAAAA", first.get("profileId"));
        assertEquals("INFO", first.get("level"));
        assertEquals("Processed", first.get("outcome"));
        Map<String, Object> second = Json.parseTrusted(lines.get(1));
        assertEquals("req-3", second.get("requestId"));
        assertFalse(second.containsKey("profileId"), "a new invocation starts without the last one's profile");
        assertEquals("java.lang.IllegalStateException", second.get("errorType"));
        assertTrue(((String) second.get("stackTrace")).contains("boom"));
        assertFalse(lines.get(1).contains("\n"), "one event per line, the stack trace escaped inside it");
    }
}
