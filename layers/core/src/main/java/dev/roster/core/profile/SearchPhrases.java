package dev.roster.core.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a profile can be found by: one phrase per word of its name, organisation and location, each the
 * field's words read round from that word ("Ada King Lovelace" gives {@code ada king lovelace},
 * {@code king lovelace ada}, {@code lovelace ada king}). A search matches a profile when one of its phrases
 * begins with the folded search: a word's beginning ({@code lov}), or several words that follow each other
 * in one field ({@code ada k}, {@code lovelace ada}, {@code san fr}).
 * <p>
 * Each phrase becomes one index item carrying the card (docs/design.md, <em>Search</em>), so the number of
 * phrases is what a profile's transaction pays: at most {@link #MAX_NAME_WORDS} + {@link
 * #MAX_ORGANISATION_WORDS} + {@link #MAX_LOCATION_WORDS} = {@link #MAX_PHRASES}. A field with more words keeps
 * its longest (the short ones, "de", "of", "la", match half the directory anyway), in their order.
 * <p>
 * <b>At most once per profile.</b> Two phrases of one profile can both begin with a search ({@code mar} and
 * "Maria Martinez"). Of the phrases that begin with a search, only the lowest (in {@link #ORDER}) may answer
 * it: each phrase records its {@link Phrase#shadow()}, the longest beginning it shares with a lower phrase of
 * the same profile, and answers only searches longer than that. A phrase that is the beginning of another
 * ({@code ana} and {@code anais lopez}) is dropped: the longer one answers every search the shorter would.
 */
public record SearchPhrases(List<Phrase> phrases) {
    public static final int MAX_NAME_WORDS = 4;
    public static final int MAX_ORGANISATION_WORDS = 3;
    public static final int MAX_LOCATION_WORDS = 2;
    public static final int MAX_PHRASES = MAX_NAME_WORDS + MAX_ORGANISATION_WORDS + MAX_LOCATION_WORDS;
    /** Phrases are cut here (in code points): no search is longer ({@link SearchQuery#MAX_CHARS}). */
    public static final int MAX_PHRASE_CHARS = SearchQuery.MAX_CHARS;
    /** The order {@link Phrase#shadow()} is counted in (any fixed order would do; this one is the string order). */
    public static final Comparator<String> ORDER = Comparator.naturalOrder();

    public SearchPhrases {
        phrases = List.copyOf(phrases);
    }

    /**
     * @param text   the phrase: folded words separated by one space, at most {@link #MAX_PHRASE_CHARS}
     * @param shadow how many leading code points it shares with a lower phrase of the same profile (0 if none):
     *               it answers only searches longer than that
     */
    public record Phrase(String text, int shadow) {
        /** Whether this phrase is the one that answers {@code query} for its profile. */
        public boolean answers(SearchQuery query) {
            return text.startsWith(query.phrase()) && shadow < query.length();
        }
    }

    public static SearchPhrases of(String name, String organisation, String location) {
        Set<String> texts = new LinkedHashSet<>();
        addRotations(texts, longest(SearchText.words(name), MAX_NAME_WORDS));
        addRotations(texts, longest(SearchText.words(organisation), MAX_ORGANISATION_WORDS));
        addRotations(texts, longest(SearchText.words(location), MAX_LOCATION_WORDS));
        List<String> kept = new ArrayList<>();
        for (String text : texts) {
            boolean covered = texts.stream().anyMatch(other -> !other.equals(text) && other.startsWith(text));
            if (!covered) {
                kept.add(text);
            }
        }
        kept.sort(ORDER);
        List<Phrase> phrases = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            int shadow = 0;
            for (int j = 0; j < i; j++) {
                shadow = Math.max(shadow, commonPrefixCodePoints(kept.get(j), kept.get(i)));
            }
            phrases.add(new Phrase(kept.get(i), shadow));
        }
        return new SearchPhrases(phrases);
    }

    /** Whether the profile these phrases belong to matches {@code query}. */
    public boolean match(SearchQuery query) {
        return phrases.stream().anyMatch(phrase -> phrase.text().startsWith(query.phrase()));
    }

    public List<String> texts() {
        return phrases.stream().map(Phrase::text).toList();
    }

    /** A field's words, cut to {@code max}: the longest stay (ties: the earlier), in the field's order. */
    static List<String> longest(List<String> words, int max) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(words));
        if (distinct.size() <= max) {
            return distinct;
        }
        List<Integer> byLength = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i++) {
            byLength.add(i);
        }
        byLength.sort(Comparator.comparingInt((Integer i) ->
                        -distinct.get(i).codePointCount(0, distinct.get(i).length()))
                .thenComparingInt(i -> i));
        List<Integer> keep = new ArrayList<>(byLength.subList(0, max));
        keep.sort(Comparator.naturalOrder());
        return keep.stream().map(distinct::get).toList();
    }

    private static void addRotations(Set<String> texts, List<String> words) {
        for (int start = 0; start < words.size(); start++) {
            List<String> rotation = new ArrayList<>(words.subList(start, words.size()));
            rotation.addAll(words.subList(0, start));
            texts.add(cut(String.join(" ", rotation)));
        }
    }

    private static String cut(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_PHRASE_CHARS) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_PHRASE_CHARS)).strip();
    }

    static int commonPrefixCodePoints(String a, String b) {
        int i = 0;
        int count = 0;
        while (i < a.length() && i < b.length()) {
            int ca = a.codePointAt(i);
            if (ca != b.codePointAt(i)) {
                break;
            }
            i += Character.charCount(ca);
            count++;
        }
        return count;
    }
}
