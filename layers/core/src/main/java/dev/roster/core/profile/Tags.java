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
 * Tag rules: lower case, trimmed, inner white space collapsed, duplicates dropped (first one kept), at most
 * {@link #MAX_TAGS_PER_PROFILE}, each 1 to {@link #MAX_TAG_CHARS} characters of letters, digits, spaces and
 * {@code - + . _ & /}. Tags become part of table keys, so {@code #} can never be in one.
 */
public final class Tags {
    /** Keeps the profile's transaction (profile + tag items + counts) far below DynamoDB's 100 actions. */
    public static final int MAX_TAGS_PER_PROFILE = 20;
    public static final int MAX_TAG_CHARS = 40;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N} +._&/-]+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private Tags() {
    }

    /** The normalised form of one tag, or why it cannot be one. */
    public static String normalise(String tag) {
        String normal = SPACE.matcher(Normalizer.normalize(tag, Normalizer.Form.NFC).toLowerCase(Locale.ROOT))
                .replaceAll(" ").strip();
        problem(tag, normal).ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
        return normal;
    }

    /** Normalises a profile's tags; every problem found is described in the returned list, else it is empty. */
    public static List<String> normaliseAll(List<String> tags, List<String> problems) {
        Set<String> normal = new LinkedHashSet<>();
        for (String tag : tags) {
            try {
                normal.add(normalise(tag));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (normal.size() > MAX_TAGS_PER_PROFILE) {
            problems.add("tags: at most " + MAX_TAGS_PER_PROFILE + " different tags, got " + normal.size());
        }
        return new ArrayList<>(normal);
    }

    private static Optional<String> problem(String original, String normal) {
        int length = normal.codePointCount(0, normal.length());
        if (length == 0) {
            return Optional.of("tags: empty tag; each tag needs 1 to " + MAX_TAG_CHARS + " characters");
        }
        if (length > MAX_TAG_CHARS) {
            return Optional.of("tags: '" + original.strip() + "' is " + length + " characters; at most " + MAX_TAG_CHARS);
        }
        if (!ALLOWED.matcher(normal).matches()) {
            return Optional.of("tags: '" + original.strip() + "' may contain only letters, digits, spaces and - + . _ & /");
        }
        return Optional.empty();
    }
}
