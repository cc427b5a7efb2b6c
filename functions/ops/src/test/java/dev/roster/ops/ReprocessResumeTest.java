package dev.roster.ops;

import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.ItemAttributes.PhotoAttributes;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import dev.roster.thumbnail.PhotoOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backfill in small invocations: each stops at its limit and returns a cursor; together they do each profile once. */
@WithLocalAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReprocessResumeTest {
    static final List<String> STALE = List.of("resume01", "resume02", "resume03", "resume04", "resume05");

    private Community community;
    private OpsHandler ops;

    @BeforeAll
    void community(LocalAws aws) {
        community = new Community(aws);
        ops = new OpsHandler(community.opsEnvironment());
        for (String id : STALE) {
            community.memberWithPhoto(id, List.of("rust"));
            community.madeByOlderSpec(id, 0);
        }
    }

    @Test
    @Order(1)
    void dryRunCountsWithoutTouchingAnything() {
        Map<String, Object> report = ops.handleRequest(Map.of("job", "reprocess", "dryRun", true, "perSecond", 1000), null);

        assertEquals(STALE.size(), report.get("queued"), report.toString());
        for (String id : STALE) {
            assertFalse(community.profile(id).containsKey(ItemAttributes.PENDING_UPLOAD_ID), id);
        }
        assertEquals(List.of(), community.pump());
    }

    @Test
    @Order(2)
    void invocationsResumeWhereTheLastStoppedUntilDone() {
        List<Integer> queuedPerRun = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> request = new HashMap<>(Map.of("job", "reprocess", "maxProfiles", 2, "perSecond", 1000));
            if (cursor != null) {
                request.put("cursor", cursor);
            }
            Map<String, Object> report = ops.handleRequest(request, null);
            queuedPerRun.add((Integer) report.get("queued"));
            cursor = (String) report.get("cursor");
            assertTrue(queuedPerRun.size() <= STALE.size() + 1, "never ends: " + queuedPerRun);
        } while (cursor != null);

        assertTrue(queuedPerRun.stream().allMatch(n -> n <= 2), queuedPerRun.toString());
        assertEquals(STALE.size(), queuedPerRun.stream().mapToInt(Integer::intValue).sum(), queuedPerRun.toString());
        List<PhotoOutcome> outcomes = community.pump();
        assertEquals(STALE.size(), outcomes.size(), outcomes.toString());
        for (String id : STALE) {
            assertEquals(PhotoAttributes.CURRENT_SPEC_VERSION, community.specVersion(community.profile(id)), id);
        }
    }

    @Test
    @Order(3)
    void aCursorThatIsNotOneOfOursIsRefusedBeforeAnyWork() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ops.handleRequest(Map.of("job", "reprocess", "cursor", "bm90LWEtY3Vyc29y"), null));
        assertTrue(e.getMessage().contains("not one this job returned"), e.getMessage());
        var unknownJob = assertThrows(IllegalArgumentException.class, () -> ops.handleRequest(Map.of("job", "rebuild"), null));
        assertTrue(unknownJob.getMessage().contains("\"job\" must be \"reprocess\", \"import\" or \"reindex\""),
                unknownJob.getMessage());
        assertNotNull(ops);
    }
}
