package dev.roster.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.json.Json;
import dev.roster.core.profile.SearchPhrases;
import dev.roster.core.profile.SearchQuery;
import dev.roster.core.profile.SearchText;
import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.Keys;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.SdkCalls;
import dev.roster.junit.WithLocalAws;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code GET /profiles?q=} against moto, with profiles written through {@code PUT /me}: what a search matches,
 * that every request is one Query and every page full, and that the index follows edits, hides and concurrent
 * writers without a stale or missing item.
 */
@WithLocalAws
class SearchTest {
    static Community community;
    static DynamoDbClient dynamoDb;
    static String table;
    /** Profiles by id: name, organisation, location, visible (kept in step with every edit the tests make). */
    static final Map<String, String[]> PROFILES = new ConcurrentHashMap<>();

    static final Map<String, Community.Member> MEMBERS = new ConcurrentHashMap<>();

    @BeforeAll
    static void fill(LocalAws aws) {
        community = new Community(aws);
        dynamoDb = aws.dynamoDb();
        table = aws.physicalName("ProfilesTable");
        join("quill", "Bertha Quillfeather", "Owlery Post", "Hogsmeade", true, List.of("owls"));
        join("ana", "Ana Lima", "", "Lisbon", true, List.of());
        join("anais", "Anaïs Nin", "", "Paris", true, List.of());
        join("emile", "Émile Zola", "", "Médan", true, List.of());
        join("maria", "Maria Martinez", "Mar Ltd", "Marseille", true, List.of("design"));
        join("sf", "Grace Hopper", "Navy", "San Francisco", true, List.of("design"));
        join("sj", "Sam Jones", "", "San José", true, List.of());
        join("hidden", "Bertha Quillfeather Hidden", "Owlery Post", "San Francisco", false, List.of());
        join("flaubert", "Gustave Flaubert", "", "Croisset", true, List.of());
        join("stale", "Stale Writer", "", "Rouen", true, List.of());
        for (int i = 0; i < 23; i++) {
            // a few Walkers work at Walker Labs: their second phrase beginning with "walker" is shadowed
            join(
                    "walker-" + i,
                    "Walker %02d".formatted(i),
                    i % 8 == 0 ? "Walker Labs" : "Acme",
                    "Leeds",
                    true,
                    i % 3 == 0 ? List.of("design") : List.of());
        }
    }

    static void join(
            String sub, String name, String organisation, String location, boolean visible, List<String> tags) {
        Community.Member member = community.join(sub, body(name, organisation, location, visible, tags));
        MEMBERS.put(sub, member);
        PROFILES.put(member.id(), new String[] {name, organisation, location, Boolean.toString(visible)});
    }

    static String body(String name, String organisation, String location, boolean visible, List<String> tags) {
        return Json.write(Map.of(
                "name", name, "organisation", organisation, "location", location, "visible", visible, "tags", tags));
    }

    static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The ids a walk should return: visible profiles with a phrase beginning with the search, each once. */
    static Set<String> expected(String text) {
        SearchQuery query = SearchQuery.parse(text);
        Set<String> ids = new HashSet<>();
        PROFILES.forEach((id, p) -> {
            if (Boolean.parseBoolean(p[3]) && SearchPhrases.of(p[0], p[1], p[2]).match(query)) {
                ids.add(id);
            }
        });
        return ids;
    }

    static String name(String id) {
        return PROFILES.get(id)[0];
    }

    @Test
    void matchesTheBeginningOfAnyWordFoldingCaseAndAccents() {
        assertEquals(List.of("Bertha Quillfeather"), names(community.walk("limit=10&" + q("quill"))));
        assertEquals(Set.of("Ana Lima", "Anaïs Nin"), Set.copyOf(names(community.walk("limit=10&" + q("ana")))));
        assertEquals(List.of("Émile Zola"), names(community.walk("limit=10&" + q("EMILE"))));
        assertEquals(List.of("Émile Zola"), names(community.walk("limit=10&" + q("médan"))), "locations too");
        assertEquals(List.of(), community.walk("limit=10&" + q("feather")), "the middle of a word is no match");
    }

    @Test
    void severalWordsMustAllMatchInOneField() {
        assertEquals(List.of("Grace Hopper"), names(community.walk("limit=10&" + q("san fr"))));
        assertEquals(Set.of("Grace Hopper", "Sam Jones"), Set.copyOf(names(community.walk("limit=10&" + q("san")))));
        assertEquals(List.of("Grace Hopper"), names(community.walk("limit=10&" + q("Hopper, Grace"))));
        assertEquals(List.of(), community.walk("limit=10&" + q("grace navy")), "two fields are not one phrase");
    }

    @Test
    void aProfileComesOnceEvenWhenSeveralOfItsWordsMatch() {
        for (String text : List.of("m", "ma", "mar", "mar l")) {
            List<String> ids = community.walk("limit=1&" + q(text));
            assertEquals(Set.copyOf(ids).size(), ids.size(), text + ": " + names(ids));
            assertEquals(expected(text), Set.copyOf(ids), text);
        }
    }

    @Test
    void everyRequestIsOneQueryAndEveryPageFullUntilTheLast() {
        Set<String> design = Set.copyOf(community.walk("limit=100&tag=design"));
        for (String[] search : new String[][] {{"walker", null}, {"w", null}, {"le", null}, {"zz", null}}) {
            Set<String> expected = new HashSet<>(expected(search[0]));
            if (search[1] != null) {
                expected.retainAll(design);
            }
            String filter = q(search[0]) + (search[1] == null ? "" : "&tag=" + search[1]);
            for (int limit : new int[] {4, 24}) {
                List<String> ids = new ArrayList<>();
                String cursor = null;
                do {
                    SdkCalls.reset();
                    Community.Page page = community.page(
                            "limit=" + limit + "&" + filter + (cursor == null ? "" : "&cursor=" + cursor));
                    assertEquals(200, page.status(), page.body());
                    assertEquals(List.of("DynamoDb:Query"), SdkCalls.recorded(), filter);
                    ids.addAll(page.ids());
                    cursor = page.next();
                    if (cursor != null) {
                        assertEquals(limit, page.items().size(), "a page with a cursor is full: " + filter);
                    }
                } while (cursor != null);
                assertEquals(expected, Set.copyOf(ids), filter + " limit " + limit);
                assertEquals(expected.size(), ids.size(), "no duplicates: " + filter);
            }
        }
    }

    @Test
    void matchesComeByTheirMatchingPhraseThenName() {
        SearchQuery query = SearchQuery.parse("walker");
        List<String> order = new ArrayList<>(expected("walker"));
        order.sort(java.util.Comparator.comparing((String id) -> answering(id, query))
                .thenComparing(id -> SearchText.fold(name(id))));
        assertEquals(names(order), names(community.walk("limit=5&" + q("walker"))));
    }

    /** With a tag, the tag is a filter on the matches: pages may be short, the walk is complete and once each. */
    @Test
    void aSearchWithATagFindsTheMatchesCarryingIt() {
        Set<String> design = Set.copyOf(community.walk("limit=100&tag=design"));
        Set<String> expected = new HashSet<>(expected("walker"));
        expected.retainAll(design);
        for (int limit : new int[] {1, 4, 24}) {
            List<String> ids = community.walk("limit=" + limit + "&tag=design&" + q("walker"));
            assertEquals(expected, Set.copyOf(ids), "limit " + limit);
            assertEquals(expected.size(), ids.size(), "each profile once, limit " + limit);
        }
    }

    /** A short page with a cursor, the worst case: a run of shadowed phrases longer than the room read past the page. */
    @Test
    void aRunOfShadowedPhrasesMayShortenAPageButTheWalkStaysComplete() {
        List<String> ids = new ArrayList<>();
        int shortPagesWithCursor = 0;
        String cursor = null;
        do {
            Community.Page page = community.page("limit=1&" + q("w") + (cursor == null ? "" : "&cursor=" + cursor));
            ids.addAll(page.ids());
            cursor = page.next();
            if (cursor != null && page.items().isEmpty()) {
                shortPagesWithCursor++;
            }
        } while (cursor != null);
        assertEquals(expected("w"), Set.copyOf(ids));
        assertEquals(ids.size(), Set.copyOf(ids).size(), "each profile once");
        assertTrue(
                shortPagesWithCursor > 0,
                "three Walker Labs phrases in a row are more than a page of 1 reads past itself");
    }

    private static String answering(String id, SearchQuery query) {
        String[] p = PROFILES.get(id);
        return SearchPhrases.of(p[0], p[1], p[2]).phrases().stream()
                .filter(phrase -> phrase.answers(query))
                .findFirst()
                .orElseThrow()
                .text();
    }

    @Test
    void hiddenProfilesNeverMatchAndComeBackWhenShown() {
        assertEquals(List.of("Bertha Quillfeather"), names(community.walk("limit=10&" + q("bertha"))));
        Community.Member sj = MEMBERS.get("sj");
        sj = community.edit(sj, body("Sam Jones", "", "San José", false, List.of()));
        MEMBERS.put("sj", sj);
        assertEquals(List.of(), community.walk("limit=10&" + q("sam jo")));
        assertEquals(List.of(), indexItemsOf(sj.id()), "a hidden profile has no index items");
        sj = community.edit(sj, body("Sam Jones", "", "San José", true, List.of()));
        MEMBERS.put("sj", sj);
        assertEquals(List.of("Sam Jones"), names(community.walk("limit=10&" + q("sam jo"))));
        assertIndexMatchesProfiles();
    }

    @Test
    void anEditReplacesTheIndexItems() {
        Community.Member flaubert = MEMBERS.get("flaubert");
        flaubert = community.edit(flaubert, body("Gustave Édouard Flaubert", "L'Éducation", "Paris", true, List.of()));
        MEMBERS.put("flaubert", flaubert);
        PROFILES.put(flaubert.id(), new String[] {"Gustave Édouard Flaubert", "L'Éducation", "Paris", "true"});
        assertEquals(List.of(), community.walk("limit=10&" + q("croisset")), "the old location is gone");
        assertEquals(List.of("Gustave Édouard Flaubert"), names(community.walk("limit=10&" + q("leduc"))));
        assertEquals(List.of("Gustave Édouard Flaubert"), names(community.walk("limit=10&" + q("edouard flau"))));
        assertIndexMatchesProfiles();
    }

    @Test
    void aCursorOfOneSearchIsRefusedForAnother() {
        Community.Page first = community.page("limit=2&" + q("walker"));
        Community.Page other = community.page("limit=2&" + q("walk") + "&cursor=" + first.next());
        assertEquals(400, other.status());
        assertTrue(other.errorMessage().contains("different query"), other.errorMessage());
    }

    @Test
    void aBadSearchIsA400ThatSaysWhatToFix() {
        for (String bad : List.of("q=", "q=%20%20", q("x".repeat(65)), q("--!"))) {
            SdkCalls.reset();
            Community.Page page = community.page("limit=5&" + bad);
            assertEquals(400, page.status(), bad);
            assertTrue(page.errorMessage().startsWith("q "), page.errorMessage());
            assertEquals(List.of(), SdkCalls.recorded(), "refused before DynamoDB");
        }
    }

    /**
     * Walks {@code q=walker} one card a page while other members rename themselves back and forth (within and
     * out of the search) and change their organisation: a profile nobody touched comes exactly once, in order;
     * no profile comes twice unless it moved; and afterwards the index is exactly what the profiles say.
     */
    @Test
    void aWalkWhileOthersEditTheirNamesHasNoDuplicatesOrGaps() throws Exception {
        List<String> editable = new ArrayList<>();
        for (int i = 0; i < 23; i += 4) {
            editable.add("walker-" + i);
        }
        Set<String> steady = new HashSet<>();
        MEMBERS.forEach((sub, member) -> {
            if (sub.startsWith("walker-") && !editable.contains(sub)) {
                steady.add(member.id());
            }
        });
        AtomicBoolean walking = new AtomicBoolean(true);
        ExecutorService editors = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        for (int e = 0; e < 2; e++) {
            int editor = e;
            running.add(editors.submit(() -> {
                int round = 0;
                while (walking.get()) {
                    String sub = editable.get((round * 2 + editor) % editable.size());
                    Community.Member member = MEMBERS.get(sub);
                    String name = round % 2 == 0 ? "Zed Walker " + sub : "Walker " + sub;
                    String organisation = round % 3 == 0 ? "Walker Labs" : "Acme";
                    try {
                        member = community.edit(member, body(name, organisation, "Leeds", true, List.of()));
                        PROFILES.put(member.id(), new String[] {name, organisation, "Leeds", "true"});
                    } catch (IllegalStateException unavailable) {
                        // a 503 on a loaded machine: the write may or may not have landed; read back what did
                        member = community.reread(member);
                        Map<String, Object> me = community.me(sub);
                        PROFILES.put(member.id(), new String[] {
                            (String) me.get("name"), (String) me.get("organisation"), "Leeds", "true"
                        });
                    }
                    MEMBERS.put(sub, member);
                    round++;
                }
                return null;
            }));
        }
        List<String> seen;
        try {
            seen = community.walk("limit=1&" + q("walker"));
        } finally {
            walking.set(false);
            for (Future<?> editor : running) {
                editor.get();
            }
            editors.shutdown();
        }
        Map<String, Integer> times = new TreeMap<>();
        seen.forEach(id -> times.merge(id, 1, Integer::sum));
        for (String id : steady) {
            assertEquals(1, times.getOrDefault(id, 0), name(id) + " was not edited and must come exactly once");
        }
        List<String> steadyOrder = seen.stream().filter(steady::contains).toList();
        List<String> sorted = new ArrayList<>(steadyOrder);
        sorted.sort(java.util.Comparator.comparing(id -> name(id).toLowerCase(java.util.Locale.ROOT)));
        assertEquals(
                sorted.stream().map(SearchTest::name).toList(),
                steadyOrder.stream().map(SearchTest::name).toList());
        times.forEach((id, count) -> assertTrue(count <= 2, name(id) + " came " + count + " times"));
        assertIndexMatchesProfiles();
    }

    /**
     * Two writers on one profile, interleaved the way a race goes: both read it, one saves, then the other
     * saves on what it read. The second is refused (412) and changes nothing, so the index is the first's,
     * with no item of the old fields left over and none of the refused ones written. (moto cannot run this race
     * with threads: a failed transaction there restores a snapshot of the whole table, undoing whatever other
     * writers committed meanwhile, which DynamoDB never does.)
     */
    @Test
    void aWriteOnAStaleReadChangesNoIndexItem() {
        Community.Member read = MEMBERS.get("stale");
        Community.Member first = community.edit(read, body("Stale Writer Wins", "", "Rouen", true, List.of()));
        MEMBERS.put("stale", first);
        PROFILES.put(first.id(), new String[] {"Stale Writer Wins", "", "Rouen", "true"});
        var refused = community.profiles.handle(dev.roster.core.http.ApiEvents.route("PUT /me")
                .as("stale")
                .header("if-match", read.etag())
                .body(body("Stale Loser", "Late Ltd", "Nowhere", true, List.of()))
                .stream());
        assertEquals(412, refused.getStatusCode(), refused.getBody());
        assertEquals(List.of(), community.walk("limit=10&" + q("stale loser")));
        assertEquals(List.of("Stale Writer Wins"), names(community.walk("limit=10&" + q("stale writer w"))));
        assertIndexMatchesProfiles();
    }

    private static List<String> names(List<String> ids) {
        return ids.stream().map(SearchTest::name).toList();
    }

    /** Every index item in the table, as {@code profileId -> phrases}, read with a Scan (test only). */
    private static Map<String, List<String>> indexItems() {
        Map<String, List<String>> byProfile = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamoDb.scan(
                    b -> b.tableName(table).exclusiveStartKey(from).consistentRead(true));
            for (Map<String, AttributeValue> item : page.items()) {
                if (item.get(Keys.PK).s().startsWith("C#main#Q#")) {
                    String sk = item.get(Keys.SK).s();
                    byProfile
                            .computeIfAbsent(item.get(ItemAttributes.PROFILE_ID).s(), k -> new ArrayList<>())
                            .add(sk.substring(0, sk.indexOf('#')));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        byProfile.values().forEach(list -> list.sort(null));
        return byProfile;
    }

    private static List<String> indexItemsOf(String id) {
        return indexItems().getOrDefault(id, List.of());
    }

    /**
     * The index holds exactly the phrases of every visible profile as its item now reads, and nothing else:
     * the invariant, checked against the profile items in the table (not what the test thinks it wrote).
     */
    private static void assertIndexMatchesProfiles() {
        Map<String, List<String>> expected = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamoDb.scan(b -> b.tableName(table)
                    .exclusiveStartKey(from)
                    .consistentRead(true)
                    .filterExpression("SK = :profile")
                    .expressionAttributeValues(Map.of(":profile", AttributeValue.fromS(Keys.PROFILE_SK))));
            for (Map<String, AttributeValue> item : page.items()) {
                if (item.get(ItemAttributes.VISIBLE).bool()) {
                    List<String> texts = new ArrayList<>(SearchPhrases.of(
                                    item.get(ItemAttributes.NAME).s(),
                                    item.get(ItemAttributes.ORGANISATION).s(),
                                    item.get(ItemAttributes.LOCATION).s())
                            .texts());
                    texts.sort(null);
                    expected.put(item.get(ItemAttributes.PROFILE_ID).s(), texts);
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        assertEquals(expected, new TreeMap<>(indexItems()));
    }
}
