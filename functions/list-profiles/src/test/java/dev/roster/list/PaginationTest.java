package dev.roster.list;

import dev.roster.core.profile.SearchText;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cursors walk every visible profile exactly once, in name order; hidden profiles never show. */
@WithLocalAws
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PaginationTest {
    static final List<String> FIRST = List.of("Ada", "Émile", "zoë", "Bob", "Chidi", "Åsa", "Grace", "ömer", "Li", "Noor");
    static final List<String> LAST = List.of("Lovelace", "Durand", "Smith", "Okafor", "Nakamura", "Berg", "Hopper");
    static final List<String> TAGS = List.of("java", "rust", "go", "design", "ops");
    static Community community;
    /** What the directory should hold: id → the member's name and tags, visible ones only. */
    static final Map<String, Community.Member> members = new LinkedHashMap<>();
    static final Map<String, String> names = new LinkedHashMap<>();
    static final Map<String, List<String>> tags = new LinkedHashMap<>();
    static final Map<String, Boolean> visible = new LinkedHashMap<>();

    @BeforeAll
    static void fillTheDirectory(LocalAws aws) {
        community = new Community(aws);
        Random random = new Random(42);
        for (int i = 0; i < 67; i++) {
            String name = FIRST.get(random.nextInt(FIRST.size())) + " " + LAST.get(random.nextInt(LAST.size()));
            List<String> own = new ArrayList<>();
            for (String tag : TAGS) {
                if (random.nextInt(3) == 0) {
                    own.add(tag);
                }
            }
            boolean shown = i % 9 != 4;
            Community.Member member = community.join("m" + i, Community.profile(name, "Org " + i, shown, own));
            members.put(member.id(), member);
            names.put(member.id(), name);
            tags.put(member.id(), own);
            visible.put(member.id(), shown);
        }
    }

    @Test
    @Order(1)
    void theWholeDirectoryComesOnceInNameOrder() {
        List<String> walked = community.walk("limit=10");
        assertEquals(expected(id -> true), walked);
    }

    @Test
    @Order(2)
    void aTagWalksItsVisibleMembersOnce() {
        for (String tag : TAGS) {
            assertEquals(expected(id -> tags.get(id).contains(tag)), community.walk("limit=7&tag=" + tag), tag);
        }
    }

    @Test
    @Order(3)
    void severalTagsMeanAllOfThem() {
        List<String> both = community.walk("limit=5&tag=rust&tag=java");
        assertEquals(expected(id -> tags.get(id).containsAll(List.of("java", "rust"))), both);
        assertEquals(both, community.walk("limit=5&tag=JAVA&tag=rust%20"), "tags are normalised, order does not matter");
    }

    @Test
    @Order(4)
    void textSearchFindsWordBeginningsIgnoringCaseAndAccentsEachProfileOnce() {
        assertSearch(id -> beginsAWord(id, "zoe"), "limit=6&q=ZOE");
        assertSearch(id -> beginsAWord(id, "emile"), "limit=6&q=%C3%A9mile");
        assertSearch(id -> tags.get(id).contains("design") && beginsAWord(id, "berg"), "limit=4&tag=design&q=Berg");
        assertEquals(List.of(), community.walk("limit=50&q=ops"), "tags are a filter of their own, not searched");
    }

    private static boolean beginsAWord(String id, String start) {
        return SearchText.words(names.get(id)).stream().anyMatch(word -> word.startsWith(start));
    }

    private static void assertSearch(java.util.function.Predicate<String> matches, String query) {
        List<String> walked = community.walk(query);
        assertEquals(new java.util.HashSet<>(expected(matches)), new java.util.HashSet<>(walked), query);
        assertEquals(expected(matches).size(), walked.size(), "each profile once: " + query);
    }

    @Test
    @Order(5)
    void tagCountsCountVisibleProfilesOnly() {
        Map<String, Long> expectedCounts = new LinkedHashMap<>();
        for (String tag : tags.values().stream().flatMap(List::stream).distinct().sorted().toList()) {
            long count = expected(id -> tags.get(id).contains(tag)).size();
            if (count > 0) {
                expectedCounts.put(tag, count);
            }
        }
        assertEquals(expectedCounts, community.tagCounts());
    }

    @Test
    @Order(6)
    void hiddenProfilesReappearWhenMadeVisibleAndVanishWhenHidden() {
        String hidden = visible.entrySet().stream().filter(e -> !e.getValue()).findFirst().orElseThrow().getKey();
        String shown = visible.entrySet().stream().filter(Map.Entry::getValue).findFirst().orElseThrow().getKey();
        assertFalse(community.walk("limit=100").contains(hidden));

        members.put(hidden, community.edit(members.get(hidden),
                Community.profile(names.get(hidden), "Org", true, List.of("java", "newtag"))));
        tags.put(hidden, List.of("java", "newtag"));
        visible.put(hidden, true);
        members.put(shown, community.edit(members.get(shown),
                Community.profile(names.get(shown), "Org", false, tags.get(shown))));
        visible.put(shown, false);

        assertEquals(expected(id -> true), community.walk("limit=8"));
        assertEquals(expected(id -> tags.get(id).contains("java")), community.walk("limit=8&tag=java"));
        assertEquals(List.of(hidden), community.walk("tag=newtag"));
        assertEquals(1L, community.tagCounts().get("newtag"));
        tagCountsCountVisibleProfilesOnly();
    }

    @Test
    @Order(7)
    void renamingMovesTheProfileInEveryListAndDroppedTagsLeaveIt() {
        String id = visible.entrySet().stream().filter(Map.Entry::getValue)
                .filter(e -> !tags.get(e.getKey()).isEmpty()).findFirst().orElseThrow().getKey();
        String dropped = tags.get(id).getFirst();
        List<String> kept = new ArrayList<>(tags.get(id).subList(1, tags.get(id).size()));
        kept.add("renamed");
        members.put(id, community.edit(members.get(id), Community.profile("Aaron Aardvark", "Org", true, kept)));
        names.put(id, "Aaron Aardvark");
        tags.put(id, kept);
        assertEquals(id, community.walk("limit=3").getFirst(), "first in name order now");
        assertEquals(expected(x -> tags.get(x).contains(dropped)), community.walk("limit=3&tag=" + dropped));
        for (String tag : kept) {
            List<String> walked = community.walk("limit=3&tag=" + tag);
            assertEquals(expected(x -> tags.get(x).contains(tag)), walked, tag);
            assertEquals(id, walked.getFirst());
        }
        tagCountsCountVisibleProfilesOnly();
    }

    @Test
    @Order(8)
    void cardsCarryNothingPrivate() {
        Community.Page page = community.page("limit=100");
        Set<String> keys = new HashSet<>();
        page.items().forEach(card -> keys.addAll(card.keySet()));
        assertEquals(Set.of("id", "name", "organisation", "location", "tags", "photo", "avatar"), keys);
        assertFalse(page.body().contains("\"m1\""), "no owner subject");
        assertTrue(page.items().stream().allMatch(card -> ((Map<?, ?>) card.get("avatar")).get("colour").toString().matches("#[0-9a-f]{6}")));
    }

    private static List<String> expected(java.util.function.Predicate<String> filter) {
        return visible.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).filter(filter)
                .sorted(Comparator.comparing((String id) -> SearchText.fold(names.get(id))).thenComparing(id -> id))
                .toList();
    }
}
