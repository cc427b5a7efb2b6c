package dev.roster.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.http.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListRequestTest {
    @Test
    void defaultsToTwentyFourUnfilteredProfiles() {
        ListRequest request = ListRequest.from(Map.of());
        assertEquals(24, request.limit());
        assertEquals(List.of(), request.tags());
        assertNull(request.query());
        assertNull(request.cursor());
    }

    @Test
    void limitOutsideOneToHundredIsRefusedWithTheRange() {
        for (String bad : List.of("0", "101", "-1", "abc", "", "2.5")) {
            ApiException e =
                    assertThrows(ApiException.class, () -> ListRequest.from(Map.of("limit", List.of(bad))), bad);
            assertEquals(400, e.error().status());
            assertTrue(e.getMessage().contains("from 1 to 100"), e.getMessage());
        }
        assertEquals(100, ListRequest.from(Map.of("limit", List.of("100"))).limit());
        assertEquals(1, ListRequest.from(Map.of("limit", List.of("1"))).limit());
    }

    @Test
    void tagsAreNormalisedSortedAndDeduplicated() {
        ListRequest request = ListRequest.from(Map.of("tag", List.of(" Rust", "java", "RUST")));
        assertEquals(List.of("java", "rust"), request.tags());
        ApiException e = assertThrows(ApiException.class, () -> ListRequest.from(Map.of("tag", List.of("a#b"))));
        assertTrue(e.getMessage().startsWith("tag: "), e.getMessage());
    }

    @Test
    void queryIsFoldedIntoWordsAndAnythingButOneTo64CharactersIsA400() {
        assertEquals(
                "zoe o",
                ListRequest.from(Map.of("q", List.of("  ZOË   Ó "))).query().phrase());
        assertNull(ListRequest.from(Map.of()).query());
        for (String bad : List.of("", "   ", "x".repeat(65), "-- !")) {
            ApiException refused = assertThrows(ApiException.class, () -> ListRequest.from(Map.of("q", List.of(bad))));
            assertEquals(400, refused.error().status(), bad);
        }
    }

    @Test
    void unknownOrRepeatedParametersAreRefused() {
        assertTrue(assertThrows(ApiException.class, () -> ListRequest.from(Map.of("page", List.of("2"))))
                .getMessage()
                .contains("unknown query parameter 'page'"));
        assertTrue(assertThrows(ApiException.class, () -> ListRequest.from(Map.of("limit", List.of("2", "3"))))
                .getMessage()
                .contains("once"));
    }

    @Test
    void anEmptyCursorIsTheFirstPageAndABlankOneIsChecked() {
        assertNull(ListRequest.from(Map.of("cursor", List.of(""))).cursor());
        assertEquals(
                "  ", ListRequest.from(Map.of("cursor", List.of("  "))).cursor(), "checked (and refused) as a cursor");
    }

    @Test
    void moreThanTwentyTagsAreRefusedAsSentEvenWhenTheyRepeat() {
        List<String> repeated = java.util.Collections.nCopies(21, "java");
        ApiException e = assertThrows(ApiException.class, () -> ListRequest.from(Map.of("tag", repeated)));
        assertTrue(e.getMessage().contains("at most 20 tags at once"), e.getMessage());
        assertEquals(
                List.of("java"),
                ListRequest.from(Map.of("tag", java.util.Collections.nCopies(20, "java")))
                        .tags());
    }
}
