package dev.roster.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.profile.SearchPhrases;
import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.Keys;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code {"job":"reindex"}} against moto: profiles written before the search index get their phrases, in runs
 * that stop and resume on a cursor; a second pass finds nothing to do; hidden profiles get none. Import and the
 * photo pipeline write the index themselves.
 */
@WithLocalAws
class ReindexTest {
    /** Each test reads the whole index, so each starts from an empty table. */
    @BeforeEach
    void emptyEmulator(LocalAws aws) {
        aws.reset();
    }

    @Test
    void profilesWrittenBeforeTheIndexGetItInResumableRuns(LocalAws aws) {
        Community community = new Community(aws);
        List<String> ids = List.of("idx00001", "idx00002", "idx00003", "idx00004", "idx00005");
        for (String id : ids) {
            community.member(id, List.of("t"), null);
        }
        community.member("idx00006", List.of(), null);
        aws.dynamoDb()
                .updateItem(b -> b.tableName(aws.physicalName("ProfilesTable"))
                        .key(Community.profileKey("idx00006"))
                        .updateExpression("SET visible = :no REMOVE GSI1PK, GSI1SK")
                        .expressionAttributeValues(Map.of(":no", AttributeValue.fromBool(false))));
        OpsHandler ops = new OpsHandler(community.opsEnvironment());

        Map<String, Object> dry = ops.handleRequest(Map.of("job", "reindex", "dryRun", true), null);
        assertEquals(5, dry.get("indexed"), dry.toString());
        assertEquals(Map.of(), indexItems(aws), "a dry run writes nothing");

        Map<String, Object> first =
                ops.handleRequest(Map.of("job", "reindex", "maxProfiles", 2, "perSecond", 1000), null);
        assertEquals(2, first.get("indexed"), first.toString());
        assertNotNull(first.get("cursor"), "stopped after two: says where to resume");
        int indexed = 2;
        Object cursor = first.get("cursor");
        while (cursor != null) {
            Map<String, Object> next = ops.handleRequest(
                    Map.of("job", "reindex", "cursor", cursor, "maxProfiles", 2, "perSecond", 1000), null);
            indexed += (Integer) next.get("indexed");
            cursor = next.get("cursor");
        }
        assertEquals(5, indexed, "every visible profile once, across the runs");

        Map<String, List<String>> expected = new TreeMap<>();
        for (String id : ids) {
            List<String> texts =
                    new ArrayList<>(SearchPhrases.of("Member " + id, "", "").texts());
            texts.sort(null);
            expected.put(id, texts);
            List<String> listed = community.profile(id).get(ItemAttributes.SEARCH_KEYS).l().stream()
                    .map(AttributeValue::s)
                    .toList();
            assertEquals(texts.size(), listed.size(), "the profile lists its index items");
        }
        assertEquals(expected, indexItems(aws), "the hidden profile has none");

        Map<String, Object> again = ops.handleRequest(Map.of("job", "reindex", "perSecond", 1000), null);
        assertEquals(0, again.get("indexed"), again.toString());
        assertEquals(6, again.get("current"), again.toString());
        assertNull(again.get("cursor"));
    }

    @Test
    void anImportedProfileIsFoundWithoutAReindex(LocalAws aws) {
        Community community = new Community(aws);
        aws.s3()
                .putObject(
                        b -> b.bucket(community.uploadsBucket()).key("imports/search.csv"),
                        RequestBody.fromString(
                                "importId,name,organisation,location,visible\nQ1,Bertha Quillfeather,Owlery,Hogsmeade,yes\n",
                                StandardCharsets.UTF_8));
        Map<String, Object> report = new OpsHandler(community.opsEnvironment())
                .handleRequest(Map.of("job", "import", "key", "imports/search.csv", "perSecond", 1000), null);
        assertEquals(1, report.get("created"), report.toString());
        List<String> phrases = indexItems(aws).values().iterator().next();
        assertTrue(phrases.contains("quillfeather bertha") && phrases.contains("hogsmeade"), phrases.toString());
    }

    @Test
    void aPhotoMadeByThePipelineReachesTheIndexItems(LocalAws aws) {
        Community community = new Community(aws);
        community.memberWithPhoto("idx00010", List.of("t"));
        List<Map<String, AttributeValue>> items = indexItemsOf(aws, "idx00010");
        assertEquals(SearchPhrases.of("Member idx00010", "", "").phrases().size(), items.size());
        for (Map<String, AttributeValue> item : items) {
            assertTrue(
                    item.get(ItemAttributes.PHOTO).m().containsKey(ItemAttributes.PhotoAttributes.THUMB_1X),
                    item.toString());
        }
    }

    /** Index items in the table by profile: their phrases, sorted (a Scan: tests only). */
    static Map<String, List<String>> indexItems(LocalAws aws) {
        Map<String, List<String>> byProfile = new TreeMap<>();
        for (Map<String, AttributeValue> item : scanIndex(aws)) {
            String sk = item.get(Keys.SK).s();
            byProfile
                    .computeIfAbsent(item.get(ItemAttributes.PROFILE_ID).s(), k -> new ArrayList<>())
                    .add(sk.substring(0, sk.indexOf('#')));
        }
        byProfile.values().forEach(list -> list.sort(null));
        return byProfile;
    }

    static List<Map<String, AttributeValue>> indexItemsOf(LocalAws aws, String profileId) {
        return scanIndex(aws).stream()
                .filter(item -> item.get(ItemAttributes.PROFILE_ID).s().equals(profileId))
                .toList();
    }

    private static List<Map<String, AttributeValue>> scanIndex(LocalAws aws) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = aws.dynamoDb()
                    .scan(b -> b.tableName(aws.physicalName("ProfilesTable"))
                            .exclusiveStartKey(from)
                            .filterExpression("begins_with(PK, :q)")
                            .expressionAttributeValues(Map.of(
                                    ":q",
                                    AttributeValue.fromS(
                                            Keys.searchPk("main", "x").replaceFirst("x$", "")))));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                    ? new HashMap<>(page.lastEvaluatedKey())
                    : null;
        } while (start != null);
        return items;
    }
}
