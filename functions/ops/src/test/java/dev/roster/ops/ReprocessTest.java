package dev.roster.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.PhotoKeys;
import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.ItemAttributes.PhotoAttributes;
import dev.roster.core.table.Keys;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import dev.roster.thumbnail.PhotoOutcome;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The backfill after a crop-spec change, end to end: stale profiles are re-queued through uploads/, the
 * real thumbnail function re-derives their crops, and running the job again does nothing more. Every test
 * starts from an empty emulator and the same community, and runs the job as often as its story needs.
 */
@WithLocalAws
class ReprocessTest {
    static final int CURRENT = PhotoAttributes.CURRENT_SPEC_VERSION;

    private Community community;
    private OpsHandler ops;
    private Map<String, AttributeValue> currentBefore;

    /**
     * Two stale photos (one placed by its member's focal point), a current one, a stale one whose member is
     * uploading a new photo right now, a stale one whose original is gone, one missing a crop, and a member
     * without a photo.
     */
    @BeforeEach
    void community(LocalAws aws) {
        aws.reset();
        community = new Community(aws);
        ops = new OpsHandler(community.opsEnvironment());
        community.membersWithPhotos(
                List.of("stale001", "stale002", "current1", "mine0001", "lost0001", "nocrop01"), List.of("java", "go"));
        community.member("nophoto1", List.of("java"), null);
        // photos made to the spec before this one
        for (String id : List.of("stale001", "stale002", "mine0001", "lost0001")) {
            community.madeByOlderSpec(id, CURRENT - 1);
        }
        community.focusedOn("stale002", 0, 0); // 320 × 240: the window at the left edge, not the smart one
        community.setPending("mine0001", "members-own-upload"); // the member is uploading a new photo right now
        aws.s3()
                .deleteObject(
                        b -> b.bucket(community.uploadsBucket()).key(PhotoKeys.original("lost0001", "first-lost0001")));
        community.removeAttribute("nocrop01", PhotoAttributes.THUMB_2X); // the old bug: a photo without all its crops
        currentBefore = community.profile("current1");
    }

    @Test
    void firstRunQueuesEveryStaleProfileAndReportsTheRest() {
        Map<String, Object> report = reprocess();

        assertEquals(3, report.get("queued"), report.toString());
        assertEquals(1, report.get("skipped"), report.toString());
        assertEquals(1, report.get("failed"), report.toString());
        assertNull(report.get("cursor"));
        assertEquals(
                Map.of(
                        "stale001",
                        "queued",
                        "stale002",
                        "queued",
                        "nocrop01",
                        "queued",
                        "mine0001",
                        "skipped",
                        "lost0001",
                        "failed"),
                outcomes(report));
        assertEquals(
                "members-own-upload",
                community
                        .profile("mine0001")
                        .get(ItemAttributes.PENDING_UPLOAD_ID)
                        .s());
        assertFalse(
                community.profile("lost0001").containsKey(ItemAttributes.PENDING_UPLOAD_ID),
                "a profile whose original is gone is not left waiting for an upload that never comes");
    }

    @Test
    void secondRunBeforeThePipelineRanFindsItsOwnWorkQueued() {
        reprocess();

        Map<String, Object> report = reprocess();

        assertEquals(0, report.get("queued"), report.toString());
        assertEquals(4, report.get("skipped"), report.toString());
        assertEquals(1, report.get("failed"), report.toString());
    }

    @Test
    void thePipelineBringsEveryQueuedProfileToTheCurrentSpec() {
        reprocess();
        reprocess(); // before the pipeline ran: it must not queue a second event

        List<PhotoOutcome> outcomes = community.pump();

        assertEquals(3, outcomes.size(), "one event per queued profile, none for the second run: " + outcomes);
        outcomes.forEach(outcome -> assertInstanceOf(PhotoOutcome.Processed.class, outcome, outcome.describe()));
        for (String id : List.of("stale001", "stale002", "nocrop01")) {
            for (Map<String, AttributeValue> item : community.items(id)) {
                assertEquals(
                        CURRENT,
                        community.specVersion(item),
                        id + " " + item.get(Keys.PK).s());
                assertTrue(item.get(ItemAttributes.PHOTO).m().containsKey(PhotoAttributes.THUMB_2X));
                assertEquals(
                        Reprocess.reprocessUploadId(CURRENT, "first-" + id),
                        item.get(ItemAttributes.PHOTO)
                                .m()
                                .get(PhotoAttributes.UPLOAD_ID)
                                .s());
            }
            assertFalse(community.profile(id).containsKey(ItemAttributes.PENDING_UPLOAD_ID));
        }
        Map<String, AttributeValue> focused =
                community.profile("stale002").get(ItemAttributes.PHOTO).m();
        assertEquals(
                Map.of("x", AttributeValue.fromN("0.0"), "y", AttributeValue.fromN("0.0")),
                focused.get(PhotoAttributes.FOCAL_POINT).m(),
                "the member's focal point survives reprocessing");
        assertEquals("0", focused.get(PhotoAttributes.WINDOW).m().get("x").n(), "and places the new crops");
        assertFalse(
                community.profile("stale001").get(ItemAttributes.PHOTO).m().containsKey(PhotoAttributes.FOCAL_POINT));
        assertEquals(currentBefore, community.profile("current1"), "a current photo is not touched");
        assertEquals(CURRENT - 1, community.specVersion(community.profile("mine0001")), "the member's upload wins");
    }

    @Test
    void runningAgainAfterwardsChangesNothing() {
        reprocess();
        assertEquals(3, community.pump().size(), "the first run's photos went through the pipeline");

        Map<String, Object> report = reprocess();

        assertEquals(0, report.get("queued"), report.toString());
        assertEquals(Map.of("mine0001", "skipped", "lost0001", "failed"), outcomes(report));
        assertEquals(List.of(), community.pump(), "no upload was made");
    }

    private Map<String, Object> reprocess() {
        return ops.handleRequest(Map.of("job", "reprocess", "perSecond", 1000), null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> outcomes(Map<String, Object> report) {
        return ((List<Map<String, Object>>) report.get("notes"))
                .stream().collect(Collectors.toMap(n -> (String) n.get("profileId"), n -> (String) n.get("outcome")));
    }
}
