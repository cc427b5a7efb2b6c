package dev.roster.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.Env;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.SdkCalls;
import dev.roster.junit.WithLocalAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Priming runs a dry-run reprocess through the real SDK clients' code, against an in-memory service only. */
@WithLocalAws
class PrimingTest {
    @Test
    void primingScansAndChecksWithoutTouchingAws(LocalAws aws) {
        OpsPriming ops = new OpsPriming(new Env(aws.functionEnvironment("OpsFunction", Map.of())));
        SdkCalls.reset();

        ops.beforeCheckpoint(null);

        assertEquals(List.of("DynamoDb:Scan", "S3:HeadObject"), SdkCalls.recorded());
        assertTrue(
                SdkCalls.hosts().stream().allMatch("priming.invalid"::equals),
                SdkCalls.hosts().toString());
    }
}
