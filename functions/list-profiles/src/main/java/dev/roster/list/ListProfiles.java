package dev.roster.list;

import dev.roster.core.http.ApiException;
import dev.roster.core.json.Json;
import dev.roster.core.profile.Card;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.table.Directory;
import dev.roster.core.table.Keys;
import dev.roster.core.table.ProfileItems;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a list request into one page of cards and the cursor of the next, and the tag list into counts. */
final class ListProfiles {
    private final Directory directory;
    private final Cursors cursors;

    ListProfiles(Directory directory, Cursors cursors) {
        this.directory = directory;
        this.cursors = cursors;
    }

    /** {@code {"items": [card…], "next": cursor | null}}. */
    Map<String, Object> page(ListRequest request) {
        String shape = shape(request);
        Map<String, String> position = null;
        if (request.cursor() != null) {
            position = cursors.decode(request.cursor(), shape);
            if (!position.keySet().equals(Directory.positionAttributes(request.pageQuery()))) {
                throw ApiException.badRequest("invalid_cursor", "cursor does not fit this query; drop it to start again");
            }
        }
        Directory.Page page = directory.page(request.pageQuery(), position);
        List<Object> items = new ArrayList<>(page.cards().size());
        for (Card card : page.cards()) {
            items.add(card.toJson());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("next", page.next() == null ? null : cursors.encode(shape, page.next()));
        return body;
    }

    /**
     * What a cursor must match to continue a query: community, partition, and every filter. A cursor of one
     * query handed to another would skip or repeat profiles, so it is refused instead.
     */
    String shape(ListRequest request) {
        return String.join("|", "v2", directory.community(), String.join(",", request.tags()),
                request.query() == null ? "" : request.query().phrase());
    }

    /**
     * Runs the request's own code once without DynamoDB (SnapStart takes the snapshot after this): query
     * parsing, cursor signing and checking, card mapping and JSON writing.
     */
    void prime() {
        ListRequest request = ListRequest.from(Map.of("limit", List.of("24"), "tag", List.of("Java"), "q", List.of("Zoë")));
        String shape = shape(request);
        String cursor = cursors.encode(shape, Map.of(Keys.PK, Keys.tagPk(directory.community(), "java"),
                Keys.SK, Keys.nameSortKey("zoe", "AAAAAAAA")));
        cursors.decode(cursor, shape);
        var item = ProfileItems.cardAttributes("AAAAAAAA",
                new ProfileInput("Zoë Prime", "Org", "Town", "", "", "", List.of("java"), true), null);
        Json.write(Map.of("items", List.of(ProfileItems.card(item).toJson()),
                "next", cursor));
    }

    /** {@code {"items": [{"tag", "count"}…]}}. */
    Map<String, Object> tags() {
        List<Object> items = new ArrayList<>();
        for (Directory.TagCount count : directory.tagCounts()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("tag", count.tag());
            item.put("count", count.count());
            items.add(item);
        }
        return Map.of("items", items);
    }
}
