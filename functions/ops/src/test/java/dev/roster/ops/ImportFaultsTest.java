package dev.roster.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.aws.AwsClients;
import dev.roster.core.table.ItemAttributes.PhotoAttributes;
import dev.roster.core.table.ProfileTable;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.FaultProxy;
import dev.roster.junit.WithLocalAws;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An import while DynamoDB misbehaves (a {@link FaultProxy} between the job and the emulator): a stall longer
 * than the SDK's own retries is waited out; an outage that does not end stops the job with the line to resume
 * at and what failed, never an exception; resuming there makes no duplicate.
 */
@WithLocalAws
class ImportFaultsTest {
    private LocalAws aws;
    private Community community;
    private FaultProxy proxy;
    private DynamoDbClient viaProxy;
    private ProfileTable profiles;

    @BeforeEach
    void setUp(LocalAws aws) {
        this.aws = aws;
        community = new Community(aws);
        proxy = FaultProxy.inFrontOf(aws.endpoint());
        viaProxy =
                AwsClients.dynamoDbBuilder().endpointOverride(proxy.endpoint()).build();
        profiles = new ProfileTable(aws.dynamoDb(), aws.physicalName("ProfilesTable"), Community.COMMUNITY);
    }

    @AfterEach
    void tearDown() {
        viaProxy.close();
        proxy.close();
    }

    @Test
    void writesThrottledPastTheSdkRetriesAreRetriedWithBackoffAndTheImportFinishes() {
        put("imports/throttled.csv", members("T", 3));
        int throttles = 15; // more than the SDK's own attempts for one call: the job's retry has to carry the row
        proxy.throttle(throttles, "TransactWriteItems");

        Map<String, Object> report = importVia(viaProxy, "imports/throttled.csv", 1);

        assertEquals(3, report.get("created"), report.toString());
        assertEquals(true, report.get("done"), report.toString());
        assertNull(report.get("failure"), report.toString());
        assertEquals(throttles, proxy.throttled());
        for (int i = 1; i <= 3; i++) {
            assertTrue(profiles.importedProfileId("T" + i).isPresent(), "T" + i + " was imported");
        }
    }

    @Test
    void anOutageThatDoesNotEndStopsTheJobWithTheLineToResumeAtAndResumingMakesNoDuplicate() {
        put("imports/outage.csv", members("O", 3));
        // the first row's transaction reaches the table, its answer is lost, and DynamoDB is unreachable after
        proxy.stopAt("TransactWriteItems", true);

        Map<String, Object> report = importVia(viaProxy, "imports/outage.csv", 1);

        assertEquals(2, report.get("resumeAtLine"), report.toString());
        assertEquals(false, report.get("done"));
        @SuppressWarnings("unchecked")
        Map<String, Object> failure = (Map<String, Object>) report.get("failure");
        assertEquals(2, failure.get("line"), failure.toString());
        assertEquals("O1", failure.get("importId"));
        assertEquals(true, failure.get("transient"));
        assertEquals(Retry.MAX_ATTEMPTS, failure.get("attempts"));
        assertTrue(failure.get("todo").toString().contains("\"fromLine\": 2"), failure.toString());
        assertEquals(0, report.get("rows"), "the row it stopped at is not counted as done");

        Map<String, Object> resumed = importVia(aws.dynamoDb(), "imports/outage.csv", 2);

        assertEquals(true, resumed.get("done"), resumed.toString());
        assertEquals(1, resumed.get("unchanged"), "the first row's write had landed: found, not made again");
        assertEquals(2, resumed.get("created"), resumed.toString());
        assertEquals(
                3,
                IntStream.rangeClosed(1, 3)
                        .mapToObj(i -> profiles.importedProfileId("O" + i).orElseThrow())
                        .collect(Collectors.toSet())
                        .size());
        assertEquals(3, community.profileCount(), "one profile per row, no duplicate");
    }

    @Test
    void anImportedPhotosUploadIdIsStableForItsProfileAndKeySoARetryFindsItsOwnPendingUpload() {
        String first = Import.importUploadId("AAAAAAAA", "imports/photos/a.jpg");
        assertEquals(first, Import.importUploadId("AAAAAAAA", "imports/photos/a.jpg"));
        assertTrue(first.matches("[A-Za-z0-9_-]{22}"), first);
        assertTrue(!first.equals(Import.importUploadId("AAAAAAAA", "imports/photos/b.jpg")));
        assertTrue(!first.equals(Import.importUploadId("BBBBBBBB", "imports/photos/a.jpg")));
    }

    private Map<String, Object> importVia(DynamoDbClient dynamoDb, String key, int fromLine) {
        OpsHandler ops =
                new OpsHandler(community.opsEnvironment(), dynamoDb, aws.s3(), PhotoAttributes.CURRENT_SPEC_VERSION);
        return ops.handleRequest(Map.of("job", "import", "key", key, "perSecond", 1000, "fromLine", fromLine), null);
    }

    private static byte[] members(String prefix, int count) {
        String rows = IntStream.rangeClosed(1, count)
                .mapToObj(i -> prefix + i + ",Member " + prefix + i + ",yes")
                .collect(Collectors.joining("\n"));
        return ("importId,name,visible\n" + rows + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void put(String key, byte[] bytes) {
        aws.s3().putObject(b -> b.bucket(community.uploadsBucket()).key(key), RequestBody.fromBytes(bytes));
    }
}
