package dev.roster.list;

import dev.roster.core.profile.SearchText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * A community filled with generated members (the same ones for the same size: the generator is seeded) and what
 * its lists should show, kept in step with the edits a test makes through {@link #edit}.
 */
final class FilledDirectory {
    static final List<String> FIRST =
            List.of("Ada", "Émile", "zoë", "Bob", "Chidi", "Åsa", "Grace", "ömer", "Li", "Noor");
    static final List<String> LAST = List.of("Lovelace", "Durand", "Smith", "Okafor", "Nakamura", "Berg", "Hopper");
    static final List<String> TAGS = List.of("java", "rust", "go", "design", "ops");

    final Community community;
    final Map<String, Community.Member> members = new LinkedHashMap<>();
    /** Profile id → what the directory should hold for it. */
    final Map<String, String> names = new LinkedHashMap<>();

    final Map<String, List<String>> tags = new LinkedHashMap<>();
    final Map<String, Boolean> visible = new LinkedHashMap<>();

    private FilledDirectory(Community community) {
        this.community = community;
    }

    /** Members {@code m0}… joined through {@code PUT /me}: random names and tags, every ninth one (from the fifth) hidden. */
    static FilledDirectory of(Community community, int size) {
        FilledDirectory directory = new FilledDirectory(community);
        Random random = new Random(42);
        for (int i = 0; i < size; i++) {
            String name = FIRST.get(random.nextInt(FIRST.size())) + " " + LAST.get(random.nextInt(LAST.size()));
            List<String> own = new ArrayList<>();
            for (String tag : TAGS) {
                if (random.nextInt(3) == 0) {
                    own.add(tag);
                }
            }
            boolean shown = i % 9 != 4;
            directory.remember(
                    community.join("m" + i, Community.profile(name, "Org " + i, shown, own)), name, shown, own);
        }
        return directory;
    }

    /** The member's {@code PUT /me} with a new name, visibility and tags (organisation "Org"). */
    void edit(String id, String name, boolean shown, List<String> newTags) {
        remember(community.edit(members.get(id), Community.profile(name, "Org", shown, newTags)), name, shown, newTags);
    }

    private void remember(Community.Member member, String name, boolean shown, List<String> own) {
        members.put(member.id(), member);
        names.put(member.id(), name);
        tags.put(member.id(), own);
        visible.put(member.id(), shown);
    }

    String firstHidden() {
        return visible.entrySet().stream()
                .filter(e -> !e.getValue())
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    String firstShown() {
        return visible.entrySet().stream()
                .filter(Map.Entry::getValue)
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    /** The visible profiles that match, in name order (folded as the directory sorts), then by id. */
    List<String> expected(Predicate<String> filter) {
        return visible.entrySet().stream()
                .filter(Map.Entry::getValue)
                .map(Map.Entry::getKey)
                .filter(filter)
                .sorted(Comparator.comparing((String id) -> SearchText.fold(names.get(id)))
                        .thenComparing(id -> id))
                .toList();
    }

    /** Every tag a visible profile carries, with how many visible profiles carry it. */
    Map<String, Long> expectedTagCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String tag :
                tags.values().stream().flatMap(List::stream).distinct().sorted().toList()) {
            long count = expected(id -> tags.get(id).contains(tag)).size();
            if (count > 0) {
                counts.put(tag, count);
            }
        }
        return counts;
    }
}
