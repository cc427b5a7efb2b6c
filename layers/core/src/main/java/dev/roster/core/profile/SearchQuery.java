package dev.roster.core.profile;

/**
 * A search as typed ({@code GET /profiles?q=}), folded the way {@link SearchPhrases} are: its words, in order,
 * separated by one space. It matches a profile when one of the profile's phrases begins with it.
 *
 * @param phrase the folded words, 1 to {@link #MAX_CHARS} code points
 */
public record SearchQuery(String phrase) {
    /** The most a search may be, as typed and once folded (in code points). */
    public static final int MAX_CHARS = 64;

    public SearchQuery {
        if (phrase == null || phrase.isEmpty() || phrase.codePointCount(0, phrase.length()) > MAX_CHARS) {
            throw new IllegalArgumentException("a search phrase has 1 to " + MAX_CHARS + " characters");
        }
    }

    /** The search {@code q} asks for, or why it cannot be one (the message says what to send instead). */
    public static SearchQuery parse(String q) {
        int length = q == null ? 0 : q.codePointCount(0, q.length());
        if (length == 0 || q.isBlank()) {
            throw new IllegalArgumentException(
                    "q must be 1 to " + MAX_CHARS + " characters; leave it out to list the whole directory");
        }
        if (length > MAX_CHARS) {
            throw new IllegalArgumentException("q is " + length + " characters; at most " + MAX_CHARS);
        }
        String phrase = String.join(" ", SearchText.words(q));
        if (phrase.isEmpty()) {
            throw new IllegalArgumentException(
                    "q has no letter or digit to search for; type the beginning of a" + " name, organisation or place");
        }
        int folded = phrase.codePointCount(0, phrase.length());
        if (folded > MAX_CHARS) {
            throw new IllegalArgumentException("q is " + folded + " characters once its ligatures and compatibility"
                    + " forms are spelled out; at most " + MAX_CHARS);
        }
        return new SearchQuery(phrase);
    }

    /** Length in code points: a phrase answers this search only if its shadow is shorter. */
    public int length() {
        return phrase.codePointCount(0, phrase.length());
    }
}
