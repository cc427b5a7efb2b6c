package dev.roster.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.profile.SearchText;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cursors walk every visible profile exactly once, in name order; hidden profiles never show. The tests only
 * read the directory filled once for the class, so each runs alone and in any order (the lists after edits are
 * {@link PaginationAfterEditsTest}'s).
 */
@WithLocalAws
class PaginationTest {
    /** Enough members for several pages at every limit used here, and hidden ones among them. */
    static final int MEMBERS = 67;

    static FilledDirectory directory;
    static Community community;

    @BeforeAll
    static void fillTheDirectory(LocalAws aws) {
        community = new Community(aws);
        directory = FilledDirectory.of(community, MEMBERS);
    }

    @Test
    void theWholeDirectoryComesOnceInNameOrder() {
        List<String> walked = community.walk("limit=10");
        assertEquals(directory.expected(id -> true), walked);
    }

    @Test
    void aTagWalksItsVisibleMembersOnce() {
        for (String tag : FilledDirectory.TAGS) {
            assertEquals(
                    directory.expected(id -> directory.tags.get(id).contains(tag)),
                    community.walk("limit=7&tag=" + tag),
                    tag);
        }
    }

    @Test
    void severalTagsMeanAllOfThem() {
        List<String> both = community.walk("limit=5&tag=rust&tag=java");
        assertEquals(directory.expected(id -> directory.tags.get(id).containsAll(List.of("java", "rust"))), both);
        assertEquals(
                both, community.walk("limit=5&tag=JAVA&tag=rust%20"), "tags are normalised, order does not matter");
    }

    @Test
    void textSearchFindsWordBeginningsIgnoringCaseAndAccentsEachProfileOnce() {
        assertSearch(id -> beginsAWord(id, "zoe"), "limit=6&q=ZOE");
        assertSearch(id -> beginsAWord(id, "emile"), "limit=6&q=%C3%A9mile");
        assertSearch(
                id -> directory.tags.get(id).contains("design") && beginsAWord(id, "berg"),
                "limit=4&tag=design&q=Berg");
        assertEquals(List.of(), community.walk("limit=50&q=ops"), "tags are a filter of their own, not searched");
    }

    private static boolean beginsAWord(String id, String start) {
        return SearchText.words(directory.names.get(id)).stream().anyMatch(word -> word.startsWith(start));
    }

    private static void assertSearch(Predicate<String> matches, String query) {
        List<String> walked = community.walk(query);
        assertEquals(new HashSet<>(directory.expected(matches)), new HashSet<>(walked), query);
        assertEquals(directory.expected(matches).size(), walked.size(), "each profile once: " + query);
    }

    @Test
    void tagCountsCountVisibleProfilesOnly() {
        assertEquals(directory.expectedTagCounts(), community.tagCounts());
    }

    @Test
    void cardsCarryNothingPrivate() {
        Community.Page page = community.page("limit=100");
        Set<String> keys = new HashSet<>();
        page.items().forEach(card -> keys.addAll(card.keySet()));
        assertEquals(Set.of("id", "name", "organisation", "location", "tags", "photo", "avatar"), keys);
        assertFalse(page.body().contains("\"m1\""), "no owner subject");
        assertTrue(page.items().stream()
                .allMatch(card -> ((Map<?, ?>) card.get("avatar"))
                        .get("colour")
                        .toString()
                        .matches("#[0-9a-f]{6}")));
    }
}
