package dev.roster.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A community-sized import on the local stack finishes in one invocation: {@code -Droster.import.rows} rows, each
 * with tags, written one transaction at a time into a table that grows as it goes (moto's transactions slow
 * down with the table's size, and one of them may stall past the SDK's call timeout: the job's retry carries
 * it). The suite runs 100 rows (moto takes ~1 s a row at 1 000 profiles on a busy 2-core machine); the README
 * gives the command and figures of a 1 000-row run. The time it took is printed, never asserted.
 */
@WithLocalAws
class ImportAtScaleTest {
    static final int DEFAULT_ROWS = 100;

    @Test
    void aCommunitySizedImportCompletesInOneInvocation(LocalAws aws) {
        int rows = Integer.getInteger("roster.import.rows", DEFAULT_ROWS);
        Community community = new Community(aws);
        String csv = "importId,name,organisation,location,tags,visible\n"
                + IntStream.rangeClosed(1, rows)
                        .mapToObj(i -> "S" + i + ",Member " + i + ",Org " + (i % 37) + ",City " + (i % 11) + ",tag"
                                + (i % 7) + ";tag" + (i % 13) + ",yes")
                        .collect(Collectors.joining("\n"))
                + "\n";
        aws.s3()
                .putObject(
                        b -> b.bucket(community.uploadsBucket()).key("imports/scale.csv"),
                        RequestBody.fromString(csv, StandardCharsets.UTF_8));
        OpsHandler ops = new OpsHandler(community.opsEnvironment());

        long started = System.nanoTime();
        Map<String, Object> report =
                ops.handleRequest(Map.of("job", "import", "key", "imports/scale.csv", "perSecond", 1000), null);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        System.out.printf("import of %d rows: %d s (%.1f rows/s)%n", rows, seconds, rows / Math.max(1.0, seconds));
        assertEquals(true, report.get("done"), report.toString());
        assertEquals(rows, report.get("created"), report.toString());
        assertEquals(rows, community.profileCount());
    }
}
