package dev.roster.core.profile;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tag rules: Unicode NFC, lower-cased by Unicode's default (locale-independent) case mapping and composed
 * again, ASCII white space collapsed to one space and trimmed, duplicates dropped (first one kept), at most
 * {@link #MAX_TAGS_PER_PROFILE} as sent, each 1 to {@link #MAX_TAG_CHARS} characters as sent of letters (with
 * their combining marks), digits, spaces and {@code - + . _ & /}. Lower-casing can add a mark: {@code İstanbul}
 * becomes {@code i̇stanbul} (i and a combining dot above), still letters, one character longer. Tags become part of table keys, so {@code #}
 * can never be in one.
 */
public final class Tags {
    /** Keeps the profile's transaction (profile + tag items + counts) far below DynamoDB's 100 actions. */
    public static final int MAX_TAGS_PER_PROFILE = 20;

    public static final int MAX_TAG_CHARS = 40;
    /**
     * Marks are {@code \p{M}} and the whole Combining Diacritical Marks for Symbols block, its unassigned end
     * included: engines that read {@code \p{M}} as whole blocks (schemathesis does) then agree with this one.
     */
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\u20D0-\\u20FF\\p{N} +._&/-]+");
    /** ASCII white space (Java's {@code \s}): collapsed to one space inside a tag, trimmed around it. */
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private static final Pattern EDGE_SPACE = Pattern.compile("^ | $");

    private Tags() {}

    /** The normalised form of one tag, or why it cannot be one. */
    public static String normalise(String tag) {
        String lower = Normalizer.normalize(tag, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        String normal = EDGE_SPACE
                .matcher(SPACE.matcher(Normalizer.normalize(lower, Normalizer.Form.NFC))
                        .replaceAll(" "))
                .replaceAll("");
        problem(tag, normal).ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
        return normal;
    }

    /** Normalises a profile's tags; every problem found is described in the returned list, else it is empty. */
    public static List<String> normaliseAll(List<String> tags, List<String> problems) {
        if (tags.size() > MAX_TAGS_PER_PROFILE) {
            problems.add("tags: at most " + MAX_TAGS_PER_PROFILE + " tags, got " + tags.size());
            return List.of();
        }
        Set<String> normal = new LinkedHashSet<>();
        for (String tag : tags) {
            try {
                normal.add(normalise(tag));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return new ArrayList<>(normal);
    }

    private static Optional<String> problem(String original, String normal) {
        // counted as sent, the way the API description's maxLength counts; lower-casing may add a mark (İ)
        int length = original.codePointCount(0, original.length());
        if (normal.isEmpty()) {
            return Optional.of("tags: empty tag; each tag needs 1 to " + MAX_TAG_CHARS + " characters");
        }
        if (length > MAX_TAG_CHARS) {
            return Optional.of(
                    "tags: '" + original.strip() + "' is " + length + " characters; at most " + MAX_TAG_CHARS);
        }
        if (ProfileInput.hasLoneSurrogate(normal)) {
            return Optional.of("tags: '" + original.strip() + "' contains half of a UTF-16 surrogate pair, which is not"
                    + " a character; send both halves or remove it");
        }
        if (!ALLOWED.matcher(normal).matches()) {
            return Optional.of("tags: '" + original.strip()
                    + "' may contain only letters (with their marks), digits, spaces and - + . _ & /");
        }
        return Optional.empty();
    }
}
