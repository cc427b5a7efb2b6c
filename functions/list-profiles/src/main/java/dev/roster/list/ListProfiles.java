package dev.roster.list;

import dev.roster.core.Env;
import dev.roster.core.http.ApiException;
import dev.roster.core.profile.Card;
import dev.roster.core.table.Directory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Turns a list request into one page of cards and the cursor of the next, and the tag list into counts. */
final class ListProfiles {
    private final Directory directory;
    private final Cursors cursors;

    /** The service the function's environment (template.yaml) describes, on the given client and clock. */
    static ListProfiles from(Env env, DynamoDbClient dynamoDb, Clock clock) {
        return new ListProfiles(
                new Directory(dynamoDb, env.required("TABLE_NAME"), env.optional("COMMUNITY_ID", "main")),
                new Cursors(
                        CursorKey.from(env, () -> {
                            throw new IllegalStateException("set " + CursorKey.SECRET + " (the key itself) to build the"
                                    + " handler with its own clients");
                        }),
                        clock));
    }

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
                throw ApiException.badRequest(
                        "invalid_cursor", "cursor does not fit this query; drop it to start again");
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
        return String.join(
                "|",
                "v2",
                directory.community(),
                String.join(",", request.tags()),
                request.query() == null ? "" : request.query().phrase());
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
