package dev.roster.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.roster.emulator.LocalAws;
import dev.roster.junit.SampleEvents;
import dev.roster.junit.SdkCalls;
import dev.roster.junit.WithLocalAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sample events in {@code events/} (also used by {@code sam local invoke -e}) against the real handler. */
@WithLocalAws
class ListEventsTest {
    static Community community;

    @BeforeAll
    static void fill(LocalAws aws) {
        community = new Community(aws);
        community.join(
                "ada", Community.profile("Ada Løvelace", "Analytical Engines", true, List.of("java", "serverless")));
        community.join("bob", Community.profile("Bob Løvelace", "Elsewhere", true, List.of("java")));
        community.join(
                "cy", Community.profile("Cy Hidden", "Analytical Engines", false, List.of("java", "serverless")));
    }

    @ParameterizedTest
    @ValueSource(strings = "get-profiles.json")
    void theDirectoryEventListsTheVisibleProfiles(String file) {
        SdkCalls.reset();
        Community.Page page = community.page(SampleEvents.open(file));
        assertEquals(200, page.status(), page.body());
        assertEquals(
                List.of("Ada Løvelace", "Bob Løvelace"),
                page.items().stream().map(c -> c.get("name")).toList());
        assertNull(page.next());
        assertEquals(List.of("DynamoDb:Query"), SdkCalls.recorded());
    }

    @ParameterizedTest
    @ValueSource(strings = "get-profiles-filtered.json")
    void theFilteredEventMatchesAllTagsAndTheAccentedText(String file) {
        SdkCalls.reset();
        Community.Page page = community.page(SampleEvents.open(file));
        assertEquals(200, page.status(), page.body());
        assertEquals(
                List.of("Ada Løvelace"),
                page.items().stream().map(c -> c.get("name")).toList());
        assertEquals(List.of("DynamoDb:Query"), SdkCalls.recorded());
    }

    @ParameterizedTest
    @ValueSource(strings = "get-tags.json")
    void theTagsEventCountsVisibleProfiles(String file) {
        var response = community.list.handle(SampleEvents.open(file));
        assertEquals(200, response.getStatusCode());
        assertEquals(
                Map.of("items", List.of(Map.of("tag", "java", "count", 2), Map.of("tag", "serverless", "count", 1))),
                dev.roster.core.json.Json.parseTrusted(response.getBody()));
    }
}
