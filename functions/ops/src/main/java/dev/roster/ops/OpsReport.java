package dev.roster.ops;

import dev.roster.core.observe.Log;
import dev.roster.core.observe.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a finished job leaves beside its reply: its counts as metrics, and one log line. */
final class OpsReport {
    private OpsReport() {}

    /** {@code report}: the job's reply (its {@code job} name, counts, where to resume, per-row notes). */
    static void publish(Map<String, Object> report) {
        Metrics metrics = Metrics.start();
        report.forEach((name, value) -> {
            if (value instanceof Integer count && !name.equals("targetSpecVersion")) {
                metrics.put(report.get("job") + "." + name, count, Metrics.Unit.COUNT);
            }
        });
        metrics.flush();
        // counts and where to resume only: the per-row reasons (which may quote a row's fields) stay in the reply
        Map<String, Object> summary = new LinkedHashMap<>(report);
        summary.remove("notes");
        summary.remove("errors");
        Log.info(report.get("job") + " finished", "report", summary);
    }
}
