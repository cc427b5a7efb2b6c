package dev.roster.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SearchPhrasesTest {
    @Test
    void wordsAreFoldedRunsOfLettersAndDigits() {
        assertEquals(List.of("emile", "zola"), SearchText.words("  Émile   ZOLA "));
        assertEquals(List.of("berners", "lee"), SearchText.words("Berners-Lee"));
        assertEquals(List.of("obrien", "dangelo"), SearchText.words("O'Brien, D’Angelo"), "apostrophes join");
        assertEquals(List.of("soren", "lodz", "strasse", "aero"), SearchText.words("Søren Łódź Straße Ærø"));
        assertEquals(List.of("fi", "2"), SearchText.words("ﬁ ²"), "NFKD spells out compatibility forms");
        assertEquals(List.of(), SearchText.words("  --  "));
        assertEquals(List.of(), SearchText.words(null));
    }

    @Test
    void eachWordOfAFieldStartsAPhraseReadRoundTheField() {
        SearchPhrases phrases = SearchPhrases.of("Ada King Lovelace", "", "");
        assertEquals(List.of("ada king lovelace", "king lovelace ada", "lovelace ada king"), phrases.texts());
        assertTrue(phrases.match(SearchQuery.parse("lov")));
        assertTrue(phrases.match(SearchQuery.parse("Lovelace, Ada")));
        assertTrue(phrases.match(SearchQuery.parse("ada ki")));
        assertFalse(phrases.match(SearchQuery.parse("ada lovelace")), "words must follow each other in the field");
        assertFalse(phrases.match(SearchQuery.parse("velace")), "a search matches beginnings of words only");
    }

    @Test
    void aSearchNeverSpansTwoFields() {
        SearchPhrases phrases = SearchPhrases.of("Ada", "Lovelace Ltd", "San Francisco");
        assertTrue(phrases.match(SearchQuery.parse("san fr")));
        assertTrue(phrases.match(SearchQuery.parse("lovelace l")));
        assertFalse(phrases.match(SearchQuery.parse("ada lovelace")));
    }

    @Test
    void diacriticsCaseAndCompatibilityFormsFoldOnBothSides() {
        assertTrue(SearchPhrases.of("Émile Zola", "", "").match(SearchQuery.parse("emile")));
        assertTrue(SearchPhrases.of("Emile Zola", "", "").match(SearchQuery.parse("ÉMILE")));
        assertTrue(SearchPhrases.of("Anaïs Nin", "", "").match(SearchQuery.parse("ana")));
        assertTrue(SearchPhrases.of("Søren Kierkegaard", "", "").match(SearchQuery.parse("soren")));
        assertTrue(SearchPhrases.of("Ｑｕｉｌｌ", "", "").match(SearchQuery.parse("quill")), "full-width letters");
    }

    @Test
    void aFieldWithTooManyWordsKeepsItsLongestInOrder() {
        assertEquals(
                List.of("maria", "carmen", "fernandez", "lopez"),
                SearchPhrases.longest(SearchText.words("María del Carmen Fernández López"), 4));
        assertEquals(
                List.of("san", "francisco"),
                SearchPhrases.longest(SearchText.words("San Francisco Bay"), 2),
                "ties keep the earlier word");
        SearchPhrases most =
                SearchPhrases.of("one two three four five six", "seven eight nine ten", "eleven twelve thirteen");
        assertEquals(SearchPhrases.MAX_PHRASES, most.phrases().size());
    }

    @Test
    void aPhraseThatBeginsAnotherIsDropped() {
        SearchPhrases phrases = SearchPhrases.of("Ana", "", "Anaïs Lopez");
        assertEquals(List.of("anais lopez", "lopez anais"), phrases.texts(), "'ana' is answered by 'anais lopez'");
        assertTrue(phrases.match(SearchQuery.parse("ana")));
    }

    @Test
    void phrasesAreCutAtTheLongestSearch() {
        SearchPhrases phrases = SearchPhrases.of("x".repeat(90) + " y", "", "");
        for (String text : phrases.texts()) {
            assertTrue(text.codePointCount(0, text.length()) <= SearchPhrases.MAX_PHRASE_CHARS, text);
        }
    }

    @Test
    void exactlyOnePhraseOfAMatchingProfileAnswersASearch() {
        SearchPhrases phrases = SearchPhrases.of("Maria Martinez", "Mar Ltd", "Marseille");
        for (String q : List.of("m", "ma", "mar", "mari", "mart", "mars", "mar l", "marseille", "maria martinez")) {
            SearchQuery query = SearchQuery.parse(q);
            assertEquals(
                    1, phrases.phrases().stream().filter(p -> p.answers(query)).count(), q + " in " + phrases);
        }
        assertEquals(
                0,
                phrases.phrases().stream()
                        .filter(p -> p.answers(SearchQuery.parse("mz")))
                        .count());
    }

    /** The property the read path relies on, over many random profiles and every search their phrases allow. */
    @Test
    void anyProfileAnswersAnySearchOnceIfItMatchesAndNeverOtherwise() {
        String[] vocabulary = {
            "ana",
            "anais",
            "anna",
            "annabel",
            "mar",
            "maria",
            "martinez",
            "marseille",
            "lee",
            "leeds",
            "l",
            "de",
            "del",
            "san",
            "sanchez",
            "francisco",
            "fran",
            "ølaf",
            "olaf",
            "o'brien",
            "obi"
        };
        Random random = new Random(13);
        for (int n = 0; n < 2_000; n++) {
            SearchPhrases phrases = SearchPhrases.of(
                    sentence(vocabulary, random, 1 + random.nextInt(5)),
                    sentence(vocabulary, random, random.nextInt(4)),
                    sentence(vocabulary, random, random.nextInt(3)));
            Set<String> searches = new TreeSet<>();
            for (String text : phrases.texts()) {
                for (int end = 1; end <= text.length(); end++) {
                    searches.add(text.substring(0, end));
                }
            }
            searches.addAll(List.of("z", "ab", "maz", "ana z"));
            for (String q : searches) {
                if (q.endsWith(" ")) {
                    continue;
                }
                SearchQuery query = new SearchQuery(q);
                long answering =
                        phrases.phrases().stream().filter(p -> p.answers(query)).count();
                assertEquals(phrases.match(query) ? 1 : 0, answering, "'" + q + "' in " + phrases);
            }
        }
    }

    @Test
    void aSearchIsOneToSixtyFourCharactersWithSomethingToSearchFor() {
        assertEquals("san fr", SearchQuery.parse("  San-Fr ").phrase());
        assertEquals(64, SearchQuery.parse("x".repeat(64)).length());
        for (String bad : List.of("", "   ", "x".repeat(65), "--!", "\uFDFA".repeat(4))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchQuery.parse(bad));
            assertTrue(e.getMessage().startsWith("q "), e.getMessage());
        }
    }

    private static String sentence(String[] vocabulary, Random random, int words) {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < words; i++) {
            chosen.add(vocabulary[random.nextInt(vocabulary.length)]);
        }
        return String.join(random.nextBoolean() ? " " : "-", chosen);
    }
}
