package dev.roster.core.profile;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds text for matching and ordering: compatibility forms spelled out (Unicode NFKD), accents stripped,
 * lower case, runs of white space collapsed. {@code "Zoë  Ólafsdóttir"} and {@code "zoe olafsdottir"} fold to
 * the same string, so a search for either finds both, and names sort the way people expect.
 * <p>
 * A few Latin letters carry no combining mark for NFKD to strip ({@code ø ł đ ð æ œ ß þ ı ħ}); they are
 * spelled the way people type them on a keyboard without them ({@code soren} finds "Søren").
 */
public final class SearchText {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    /** Apostrophes join the parts of a word ("O'Brien" is one word, {@code obrien}). */
    private static final Pattern APOSTROPHES = Pattern.compile("['\u2019\u02BC]");
    /** Anything that is not a letter or a digit separates words. */
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchText() {}

    public static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String plain = spellPlain(MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT));
        return SPACE.matcher(plain).replaceAll(" ").strip();
    }

    /**
     * The folded words of a text, in order: runs of letters and digits ({@code "Berners-Lee"} is
     * {@code berners}, {@code lee}; {@code "O'Brien"} is {@code obrien}).
     */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : NOT_WORD.split(APOSTROPHES.matcher(fold(text)).replaceAll(""))) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static String spellPlain(String lower) {
        StringBuilder out = null;
        for (int i = 0; i < lower.length(); i++) {
            String plain = switch (lower.charAt(i)) {
                case 'ø' -> "o";
                case 'ł' -> "l";
                case 'đ', 'ð' -> "d";
                case 'æ' -> "ae";
                case 'œ' -> "oe";
                case 'ß' -> "ss";
                case 'þ' -> "th";
                case 'ı' -> "i";
                case 'ħ' -> "h";
                default -> null;
            };
            if (plain != null && out == null) {
                out = new StringBuilder(lower.length() + 4).append(lower, 0, i);
            }
            if (out != null) {
                if (plain != null) {
                    out.append(plain);
                } else {
                    out.append(lower.charAt(i));
                }
            }
        }
        return out == null ? lower : out.toString();
    }
}
