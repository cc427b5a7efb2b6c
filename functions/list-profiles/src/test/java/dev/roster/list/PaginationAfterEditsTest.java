package dev.roster.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The walks of {@link PaginationTest} after members edit their profiles: each test starts from an empty table,
 * fills a directory of its own and edits it, so it runs alone and in any order.
 */
@WithLocalAws
class PaginationAfterEditsTest {
    /**
     * Three pages at limit 8 with hidden members among them; smaller than {@link PaginationTest}'s shared
     * directory because every test fills its own, and moto's writes slow down as the table grows.
     */
    static final int MEMBERS = 24;

    private Community community;
    private FilledDirectory directory;

    @BeforeEach
    void fillAFreshDirectory(LocalAws aws) {
        aws.reset();
        community = new Community(aws);
        directory = FilledDirectory.of(community, MEMBERS);
    }

    @Test
    void hiddenProfilesReappearWhenMadeVisibleAndVanishWhenHidden() {
        String hidden = directory.firstHidden();
        String shown = directory.firstShown();
        assertFalse(community.walk("limit=100").contains(hidden));

        directory.edit(hidden, directory.names.get(hidden), true, List.of("java", "newtag"));
        directory.edit(shown, directory.names.get(shown), false, directory.tags.get(shown));

        assertEquals(directory.expected(id -> true), community.walk("limit=8"));
        assertEquals(
                directory.expected(id -> directory.tags.get(id).contains("java")), community.walk("limit=8&tag=java"));
        assertEquals(List.of(hidden), community.walk("tag=newtag"));
        assertEquals(1L, community.tagCounts().get("newtag"));
        assertEquals(directory.expectedTagCounts(), community.tagCounts(), "tag counts count visible profiles only");
    }

    @Test
    void renamingMovesTheProfileInEveryListAndDroppedTagsLeaveIt() {
        String id = directory.visible.entrySet().stream()
                .filter(Map.Entry::getValue)
                .filter(e -> !directory.tags.get(e.getKey()).isEmpty())
                .findFirst()
                .orElseThrow()
                .getKey();
        String dropped = directory.tags.get(id).getFirst();
        List<String> kept = new ArrayList<>(
                directory.tags.get(id).subList(1, directory.tags.get(id).size()));
        kept.add("renamed");

        directory.edit(id, "Aaron Aardvark", true, kept);

        assertEquals(id, community.walk("limit=3").getFirst(), "first in name order now");
        assertEquals(
                directory.expected(x -> directory.tags.get(x).contains(dropped)),
                community.walk("limit=3&tag=" + dropped));
        for (String tag : kept) {
            List<String> walked = community.walk("limit=3&tag=" + tag);
            assertEquals(directory.expected(x -> directory.tags.get(x).contains(tag)), walked, tag);
            assertEquals(id, walked.getFirst());
        }
        assertEquals(directory.expectedTagCounts(), community.tagCounts(), "tag counts count visible profiles only");
    }
}
