package dev.roster.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.ItemAttributes.PhotoAttributes;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import dev.roster.thumbnail.PhotoOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backfill in small invocations: each stops at its limit and returns a cursor; together they do each
 * profile once. Every test starts from an empty emulator and makes the stale photos it needs.
 */
@WithLocalAws
class ReprocessResumeTest {
    static final List<String> STALE = List.of("resume01", "resume02", "resume03", "resume04", "resume05");

    private Community community;
    private OpsHandler ops;

    @BeforeEach
    void emptyEmulator(LocalAws aws) {
        aws.reset();
        community = new Community(aws);
        ops = new OpsHandler(community.opsEnvironment());
    }

    /** Members whose photos were made to the very first crop spec. */
    private void stalePhotos(List<String> ids) {
        community.membersWithPhotos(ids, List.of("rust"));
        for (String id : ids) {
            community.madeByOlderSpec(id, 0);
        }
    }

    @Test
    void dryRunCountsWithoutTouchingAnything() {
        stalePhotos(STALE);

        Map<String, Object> report =
                ops.handleRequest(Map.of("job", "reprocess", "dryRun", true, "perSecond", 1000), null);

        assertEquals(STALE.size(), report.get("queued"), report.toString());
        for (String id : STALE) {
            assertFalse(community.profile(id).containsKey(ItemAttributes.PENDING_UPLOAD_ID), id);
        }
        assertEquals(List.of(), community.pump());
    }

    @Test
    void invocationsResumeWhereTheLastStoppedUntilDone() {
        stalePhotos(STALE);

        List<Integer> queuedPerRun = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> request =
                    new HashMap<>(Map.of("job", "reprocess", "maxProfiles", 2, "perSecond", 1000));
            if (cursor != null) {
                request.put("cursor", cursor);
            }
            Map<String, Object> report = ops.handleRequest(request, null);
            queuedPerRun.add((Integer) report.get("queued"));
            cursor = (String) report.get("cursor");
            assertTrue(queuedPerRun.size() <= STALE.size() + 1, "never ends: " + queuedPerRun);
        } while (cursor != null);

        assertTrue(queuedPerRun.stream().allMatch(n -> n <= 2), queuedPerRun.toString());
        assertEquals(
                STALE.size(), queuedPerRun.stream().mapToInt(Integer::intValue).sum(), queuedPerRun.toString());
        List<PhotoOutcome> outcomes = community.pump();
        assertEquals(STALE.size(), outcomes.size(), outcomes.toString());
        for (String id : STALE) {
            assertEquals(PhotoAttributes.CURRENT_SPEC_VERSION, community.specVersion(community.profile(id)), id);
        }
    }

    @Test
    void aCursorThatIsNotOneOfOursIsRefusedBeforeAnyWork() {
        stalePhotos(List.of("resume01"));

        var e = assertThrows(
                IllegalArgumentException.class,
                () -> ops.handleRequest(Map.of("job", "reprocess", "cursor", "bm90LWEtY3Vyc29y"), null));
        assertTrue(e.getMessage().contains("not one this job returned"), e.getMessage());
        var unknownJob =
                assertThrows(IllegalArgumentException.class, () -> ops.handleRequest(Map.of("job", "rebuild"), null));
        assertTrue(
                unknownJob.getMessage().contains("\"job\" must be \"reprocess\", \"import\" or \"reindex\""),
                unknownJob.getMessage());
        assertFalse(community.profile("resume01").containsKey(ItemAttributes.PENDING_UPLOAD_ID), "nothing was queued");
        assertEquals(List.of(), community.pump(), "no upload was made");
    }
}
