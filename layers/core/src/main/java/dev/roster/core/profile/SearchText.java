package dev.roster.core.profile;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds text for matching and ordering: accents stripped, lower case, runs of white space collapsed.
 * {@code "Zoë  Ólafsdóttir"} and {@code "zoe olafsdottir"} fold to the same string, so a {@code q=} of
 * either finds both, and names sort the way people expect.
 */
public final class SearchText {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private SearchText() {
    }

    public static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String plain = MARKS.matcher(decomposed).replaceAll("");
        return SPACE.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
