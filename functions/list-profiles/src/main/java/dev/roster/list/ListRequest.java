package dev.roster.list;

import dev.roster.core.http.ApiException;
import dev.roster.core.profile.SearchQuery;
import dev.roster.core.profile.Tags;
import dev.roster.core.table.Directory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /profiles?limit=&cursor=&tag=&q=}, checked: {@code limit} 1–100 (default 24), tags normalised
 * the way profiles store them (sorted, so the order they are given in does not change the query), {@code q}
 * 1–64 characters, folded into the words the search index holds ({@link SearchQuery}; null when absent).
 */
record ListRequest(int limit, List<String> tags, SearchQuery query, String cursor) {
    static final int DEFAULT_LIMIT = 24;
    static final int MAX_LIMIT = 100;
    static final Set<String> PARAMETERS = Set.of("limit", "cursor", "tag", "q");

    ListRequest {
        tags = List.copyOf(tags);
    }

    /** What the directory is asked for (the cursor is the caller's to check). */
    Directory.PageQuery pageQuery() {
        return new Directory.PageQuery(tags, query, limit);
    }

    static ListRequest from(Map<String, List<String>> parameters) {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw ApiException.badRequest(
                        "invalid_query",
                        "unknown query parameter '" + name + "'; the list takes "
                                + String.join(", ", new TreeSet<>(PARAMETERS)));
            }
        }
        return new ListRequest(
                limit(single(parameters, "limit")),
                tags(parameters.getOrDefault("tag", List.of())),
                query(single(parameters, "q")),
                cursor(single(parameters, "cursor")));
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(
                "invalid_limit",
                "limit must be a whole number from 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + "), was '"
                        + value + "'");
    }

    /** Absent or empty ({@code cursor=}): the first page. Anything else is checked as a cursor, blanks included. */
    private static String cursor(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static List<String> tags(List<String> values) {
        if (values.size() > Tags.MAX_TAGS_PER_PROFILE) {
            throw ApiException.badRequest(
                    "invalid_tag",
                    "at most " + Tags.MAX_TAGS_PER_PROFILE + " tags at once (no profile has more), got "
                            + values.size());
        }
        TreeSet<String> tags = new TreeSet<>();
        for (String value : values) {
            try {
                tags.add(Tags.normalise(value));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_tag", e.getMessage().replaceFirst("^tags: ", "tag: "));
            }
        }
        return List.copyOf(tags);
    }

    private static SearchQuery query(String value) {
        if (value == null) {
            return null;
        }
        try {
            return SearchQuery.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_query", e.getMessage());
        }
    }

    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest("invalid_query", "give '" + name + "' once, not " + values.size() + " times");
        }
        return values.getFirst();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
