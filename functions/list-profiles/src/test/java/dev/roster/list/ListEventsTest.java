package dev.roster.list;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.SdkCalls;
import dev.roster.junit.WithLocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The sample events in {@code events/} (also used by {@code sam local invoke -e}) against the real handler. */
@WithLocalAws
class ListEventsTest {
    static Community community;

    @BeforeAll
    static void fill(LocalAws aws) {
        community = new Community(aws);
        community.join("ada", Community.profile("Ada Løvelace", "Analytical Engines", true, List.of("java", "serverless")));
        community.join("bob", Community.profile("Bob Løvelace", "Elsewhere", true, List.of("java")));
        community.join("cy", Community.profile("Cy Hidden", "Analytical Engines", false, List.of("java", "serverless")));
    }

    @ParameterizedTest
    @Event(value = "../../events/get-profiles.json", type = APIGatewayV2HTTPEvent.class)
    void theDirectoryEventListsTheVisibleProfiles(APIGatewayV2HTTPEvent event) {
        SdkCalls.reset();
        Community.Page page = community.page(event);
        assertEquals(200, page.status(), page.body());
        assertEquals(List.of("Ada Løvelace", "Bob Løvelace"), page.items().stream().map(c -> c.get("name")).toList());
        assertNull(page.next());
        assertEquals(List.of("DynamoDb:Query"), SdkCalls.recorded());
    }

    @ParameterizedTest
    @Event(value = "../../events/get-profiles-filtered.json", type = APIGatewayV2HTTPEvent.class)
    void theFilteredEventMatchesAllTagsAndTheAccentedText(APIGatewayV2HTTPEvent event) {
        SdkCalls.reset();
        Community.Page page = community.page(event);
        assertEquals(200, page.status(), page.body());
        assertEquals(List.of("Ada Løvelace"), page.items().stream().map(c -> c.get("name")).toList());
        assertEquals(List.of("DynamoDb:Query"), SdkCalls.recorded());
    }

    @ParameterizedTest
    @Event(value = "../../events/get-tags.json", type = APIGatewayV2HTTPEvent.class)
    void theTagsEventCountsVisibleProfiles(APIGatewayV2HTTPEvent event) {
        var response = community.list.handleRequest(event, null);
        assertEquals(200, response.getStatusCode());
        assertEquals(Map.of("items", List.of(Map.of("tag", "java", "count", 2), Map.of("tag", "serverless", "count", 1))),
                dev.roster.core.json.Json.parseTrusted(response.getBody()));
    }
}
