package dev.roster.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.json.Json;
import dev.roster.core.observe.Log;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.SdkCalls;
import dev.roster.junit.WithLocalAws;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/design.md, "One page = one Query", asserted: whatever the page size and filters, a list request makes exactly one
 * DynamoDB Query and no other AWS call. {@link SdkCalls} is registered for every SDK client in this JVM, so
 * a call through any client of any service would show up.
 */
@WithLocalAws
class OneQueryPerPageTest {
    static final int VISIBLE = 130;
    static Community community;

    @BeforeAll
    static void fillTheDirectory(LocalAws aws) {
        community = new Community(aws);
        for (int i = 0; i < VISIBLE; i++) {
            List<String> tags = new ArrayList<>(List.of("all"));
            if (i % 2 == 0) {
                tags.add("even");
            }
            if (i % 3 == 0) {
                tags.add("three");
            }
            community.join(
                    "member-" + i,
                    Community.profile("Member %03d".formatted(i), i % 5 == 0 ? "Zoë Labs" : "Acme", true, tags));
        }
        for (int i = 0; i < 10; i++) {
            community.join("hidden-" + i, Community.profile("Hidden " + i, "Zoë Labs", false, List.of("all", "even")));
        }
    }

    static Stream<Arguments> pagesAndFilters() {
        List<Arguments> cases = new ArrayList<>();
        for (int limit : new int[] {1, 24, 100}) {
            for (String filter :
                    new String[] {"", "tag=all", "tag=even&tag=three", "q=zoe", "tag=three&q=ZOË%20labs"}) {
                cases.add(Arguments.of(limit, filter));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "limit={0} {1}")
    @MethodSource("pagesAndFilters")
    void everyPageIsExactlyOneQueryAndNothingElse(int limit, String filter) {
        String query = "limit=" + limit + (filter.isEmpty() ? "" : "&" + filter);
        SdkCalls.reset();
        Community.Page first = community.page(query);
        assertEquals(List.of("DynamoDb:Query"), SdkCalls.recorded(), query);
        assertEquals(200, first.status(), first.body());
        assertTrue(first.items().size() <= limit);
        if (filter.isEmpty() || filter.equals("tag=all")) {
            assertEquals(limit, first.items().size(), "an unfiltered page is full");
        }
        boolean searches = filter.contains("q=");
        if (limit < 65 && !searches) {
            assertTrue(first.next() != null, "every partition queried holds more than " + limit + " items: " + query);
        }
        if (searches) {
            // the search index answers a full page of matches unless fewer remain, and then it has no cursor
            // (26 visible profiles work at Zoë Labs; 9 of them carry the tag "three")
            int matches = filter.contains("tag=three") ? 9 : 26;
            assertEquals(Math.min(limit, matches), first.items().size(), "a page of matches is full: " + query);
            assertEquals(limit < matches, first.next() != null, "a cursor exactly when more matches remain: " + query);
        }
        if (first.next() == null) {
            return;
        }
        SdkCalls.reset();
        Community.Page second = community.page(query + "&cursor=" + first.next());
        assertEquals(List.of("DynamoDb:Query"), SdkCalls.recorded(), "the next page too: " + query);
        assertEquals(200, second.status(), second.body());
    }

    /** What ListPageQueriesAlarm watches (template.yaml; its namespace and dimension checked by the template test). */
    @Test
    @SuppressWarnings("unchecked")
    void theMetricTheAlarmWatchesCountsOneCallForASearchPage(LocalAws aws) {
        List<String> lines = new ArrayList<>();
        Log.sink(lines::add);
        try {
            assertEquals(200, community.page("limit=24&q=zoe&tag=three").status());
        } finally {
            Log.toStdout();
        }
        Map<String, Object> emf = lines.stream()
                .map(Json::parseTrusted)
                .filter(line -> line.containsKey("_aws"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metrics line in " + lines));
        assertEquals(1, emf.get("DynamoDbCalls"), emf.toString());
        Map<String, Object> directive = ((List<Map<String, Object>>)
                        ((Map<String, Object>) emf.get("_aws")).get("CloudWatchMetrics"))
                .getFirst();
        assertEquals(
                aws.functionEnvironment("ListProfilesFunction", Map.of()).get("METRICS_NAMESPACE"),
                directive.get("Namespace"));
        assertTrue(((List<Object>) directive.get("Dimensions")).contains(List.of("Function")), directive.toString());
        assertTrue(
                ((List<Map<String, Object>>) directive.get("Metrics"))
                        .contains(Map.of("Name", "DynamoDbCalls", "Unit", "Count")),
                directive.toString());
    }

    @Test
    void walkingTheWholeDirectoryCostsOneQueryPerPage() {
        SdkCalls.reset();
        int pages = 0;
        String cursor = null;
        do {
            Community.Page page = community.page("limit=24" + (cursor == null ? "" : "&cursor=" + cursor));
            cursor = page.next();
            pages++;
        } while (cursor != null);
        assertEquals(pages, SdkCalls.recorded().size());
        assertTrue(
                SdkCalls.recorded().stream().allMatch("DynamoDb:Query"::equals),
                SdkCalls.recorded().toString());
    }

    @Test
    void theTagListIsOneQuery() {
        SdkCalls.reset();
        assertFalse(community.tagCounts().isEmpty());
        assertEquals(List.of("DynamoDb:Query"), SdkCalls.recorded());
    }

    @Test
    void aRefusedRequestMakesNoCallAtAll() {
        SdkCalls.reset();
        assertEquals(400, community.page("limit=0").status());
        assertEquals(400, community.page("cursor=forged.cursor").status());
        assertEquals(List.of(), SdkCalls.recorded());
    }
}
