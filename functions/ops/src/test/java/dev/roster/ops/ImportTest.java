package dev.roster.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.PhotoKeys;
import dev.roster.core.PhotoStatus;
import dev.roster.core.profile.Profile;
import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.ProfileTable;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import dev.roster.thumbnail.PhotoOutcome;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Bulk import from a spreadsheet export with good and bad rows, re-run, edited, and as JSON Lines. Every test
 * starts from an empty emulator with the export and its photo uploaded, and imports what its story needs.
 */
@WithLocalAws
class ImportTest {
    static final String CSV = """
            Import ID,Name,Email,Organization,Location,Website,Bio,Tags,Visible,Photo,Slack Title
            U001,Ada Lovelace,ada@example.org,Analytical Society,London,https://ada.example.org,Engines.,"java; rust",yes,imports/photos/ada.jpg,Countess
            U002,Grace Hopper,grace@example.org,Navy,Arlington,,"Compilers, and
            the first bug",cobol,true,,
            U003,Bad Email,not-an-email,,,,,,yes,,
            ,No Id,noid@example.org,,,,,,yes,,
            U004,Bad Site,site@example.org,,,ftp://example.org,,,yes,,
            U005,Missing Photo,photo@example.org,,,,,,yes,imports/photos/missing.jpg,
            U001,Ada Again,ada2@example.org,,,,,,yes,,
            U007,Too,Few,Columns
            U006,Zoë 🚀 Prime,zoe@example.org,,Lisbon,,,"go",no,,
            """;

    private LocalAws aws;
    private Community community;
    private OpsHandler ops;
    private ProfileTable profiles;

    @BeforeEach
    void theExportAndItsPhotoUploaded(LocalAws aws) {
        aws.reset();
        this.aws = aws;
        community = new Community(aws);
        ops = new OpsHandler(community.opsEnvironment());
        profiles = new ProfileTable(aws.dynamoDb(), aws.physicalName("ProfilesTable"), Community.COMMUNITY);
        put("imports/photos/ada.jpg", Community.jpeg(42));
        put("imports/members.csv", CSV.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void goodRowsAreImportedAndEveryBadOneIsReportedWithItsLine() {
        Map<String, Object> report = importFile("imports/members.csv");

        assertEquals(3, report.get("created"), report.toString());
        assertEquals(6, report.get("invalid"), report.toString());
        assertEquals(1, report.get("photosQueued"), report.toString());
        assertEquals(List.of("Slack Title"), report.get("ignoredColumns"));
        Map<Integer, String> errors = errors(report);
        assertEquals(
                List.of(5, 6, 7, 8, 9, 10), errors.keySet().stream().sorted().toList(), errors.toString());
        assertTrue(errors.get(5).contains("email"), errors.get(5));
        assertTrue(errors.get(6).contains("importId: required"), errors.get(6));
        assertTrue(errors.get(7).contains("website"), errors.get(7));
        assertTrue(errors.get(8).contains("imports/photos/missing.jpg"), errors.get(8));
        assertTrue(errors.get(9).contains("already used on line 2"), errors.get(9));
        assertTrue(errors.get(10).contains("4 columns; the header has 11"), errors.get(10));

        Profile ada = imported("U001");
        assertEquals("Analytical Society", ada.organisation());
        assertEquals(List.of("java", "rust"), ada.tags());
        assertTrue(ada.visible());
        assertEquals("", ada.ownerSub(), "nobody owns an imported profile until its member claims it");
        assertEquals("Compilers, and\nthe first bug", imported("U002").bio());
        Profile zoe = imported("U006");
        assertEquals("Zoë 🚀 Prime", zoe.name());
        assertFalse(zoe.visible());
        assertEquals(3, community.profileCount(), "no profile for an invalid row");
    }

    @Test
    void theImportedPhotoGoesThroughThePipeline() {
        importFile("imports/members.csv");

        List<PhotoOutcome> outcomes = community.pump();

        assertEquals(1, outcomes.size(), outcomes.toString());
        assertInstanceOf(PhotoOutcome.Processed.class, outcomes.getFirst());
        Profile ada = imported("U001");
        assertEquals(PhotoStatus.READY, ada.photoStatus());
        assertTrue(
                ada.photo().thumb1x().startsWith("https://photos.roster.test/photos/" + ada.id() + "/"),
                ada.photo().thumb1x());
    }

    @Test
    void runningTheSameFileAgainChangesNothing() {
        importFile("imports/members.csv");
        assertEquals(1, community.pump().size(), "the first import's photo went through the pipeline");
        Map<String, AttributeValue> before = community.profile(imported("U001").id());

        Map<String, Object> report = importFile("imports/members.csv");

        assertEquals(0, report.get("created"), report.toString());
        assertEquals(0, report.get("updated"), report.toString());
        assertEquals(3, report.get("unchanged"), report.toString());
        assertEquals(0, report.get("photosQueued"), report.toString());
        assertEquals(6, report.get("invalid"), report.toString());
        assertEquals(3, community.profileCount());
        assertEquals(before, community.profile(imported("U001").id()));
        assertEquals(List.of(), community.pump());
    }

    @Test
    void anEditedRowUpdatesItsProfileButAClaimedProfileIsLeftToItsMember() {
        importFile("imports/members.csv");
        String grace = imported("U002").id();
        String zoe = imported("U006").id();
        aws.dynamoDb()
                .updateItem(b -> b.tableName(aws.physicalName("ProfilesTable"))
                        .key(Community.profileKey(zoe))
                        .updateExpression("SET #o = :sub")
                        .expressionAttributeNames(Map.of("#o", ItemAttributes.OWNER_SUB))
                        .expressionAttributeValues(Map.of(":sub", AttributeValue.fromS("zoe-sub"))));
        put("imports/members-v2.csv", """
                importId,name,organisation,tags,visible
                U002,Grace Hopper,US Navy,cobol,true
                U006,Zoë Replaced,,go,yes
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Map<String, Object> report = importFile("imports/members-v2.csv");

        assertEquals(1, report.get("updated"), report.toString());
        assertEquals(1, report.get("skipped"), report.toString());
        assertEquals("US Navy", imported("U002").organisation());
        assertEquals("", imported("U002").bio(), "an import row replaces every field, like PUT /me");
        assertEquals(grace, imported("U002").id());
        assertEquals("Zoë 🚀 Prime", imported("U006").name(), "the member's profile is theirs now");
    }

    @Test
    void jsonLinesFromASlackExportWithABrokenLine() {
        put("imports/slack.jsonl", """
                {"id":"U100","real_name":"Linus","email":"linus@example.org","tags":["c","git"],"visible":true,"tz":"Europe/Helsinki"}
                {"id":"U101","real_name":"Broken
                {"id":"U102","real_name":"","visible":true}
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Map<String, Object> report = importFile("imports/slack.jsonl");

        assertEquals(1, report.get("created"), report.toString());
        assertEquals(List.of(2, 3), errors(report).keySet().stream().sorted().toList(), report.toString());
        assertTrue(errors(report).get(3).contains("name: required"), report.toString());
        assertEquals(List.of("tz"), report.get("ignoredColumns"));
        assertEquals(List.of("c", "git"), imported("U100").tags());
    }

    @Test
    void aFileOutsideImportsOrOfUnknownFormatIsRefusedWithWhatToDo() {
        var outside = assertThrows(IllegalArgumentException.class, () -> importFile(PhotoKeys.original("x", "y")));
        assertTrue(outside.getMessage().contains("imports/"), outside.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> importFile("imports/nope.csv"));
        assertTrue(missing.getMessage().contains("aws s3 cp"), missing.getMessage());
        put("imports/members.xlsx", new byte[] {1, 2, 3});
        var format = assertThrows(IllegalArgumentException.class, () -> importFile("imports/members.xlsx"));
        assertTrue(format.getMessage().contains(".csv"), format.getMessage());
    }

    private Map<String, Object> importFile(String key) {
        return ops.handleRequest(Map.of("job", "import", "key", key, "perSecond", 1000), null);
    }

    private Profile imported(String importId) {
        String id = profiles.importedProfileId(importId)
                .orElseThrow(() -> new AssertionError("no profile for " + importId));
        return profiles.read(id).orElseThrow();
    }

    private void put(String key, byte[] bytes) {
        aws.s3().putObject(b -> b.bucket(community.uploadsBucket()).key(key), RequestBody.fromBytes(bytes));
    }

    @SuppressWarnings("unchecked")
    private static Map<Integer, String> errors(Map<String, Object> report) {
        return ((List<Map<String, Object>>) report.get("errors"))
                .stream().collect(Collectors.toMap(e -> (Integer) e.get("line"), e -> (String) e.get("reason")));
    }
}
