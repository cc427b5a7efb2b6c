package dev.roster.core.table;

import dev.roster.core.profile.Card;
import dev.roster.core.profile.SearchQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The read path (docs/design.md, "One page = one Query"): every page of the directory, with or without tag and text filters,
 * is exactly one DynamoDB {@code Query}, and the items it returns are the cards, ready to send.
 * <ul>
 * <li>no tag: GSI1, partition {@code C#c#DIR} (visible profiles only, in name order);</li>
 * <li>tags: the base table, partition of the first tag ({@code C#c#TAG#t}), and {@code contains(tags, :t)}
 * for each further tag;</li>
 * <li>{@code q}: the search index ({@link SearchIndex}), with or without tags: the phrases that begin with
 * the search; tags are a filter on the copied {@code tags}.</li>
 * </ul>
 */
public final class Directory {
    /** The card without {@code search}: what the page needs, so DynamoDB sends no more. */
    static final String CARD_PROJECTION;

    static final Map<String, String> CARD_NAMES = new HashMap<>();

    static {
        List<String> projected = new ArrayList<>();
        for (String attribute : ItemAttributes.CARD) {
            if (!attribute.equals(ItemAttributes.SEARCH)) {
                CARD_NAMES.put("#" + attribute, attribute);
                projected.add("#" + attribute);
            }
        }
        CARD_PROJECTION = String.join(", ", projected);
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String community;
    private final SearchIndex search;

    public Directory(DynamoDbClient dynamoDb, String tableName, String community) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.community = community;
        this.search = new SearchIndex(dynamoDb, tableName, community);
    }

    /**
     * A page: its cards and where the next one starts ({@code next}: key attribute names to values, null at
     * the end). Positions are what the caller signs into a cursor and hands back.
     */
    public record Page(List<Card> cards, Map<String, String> next) {}

    public record TagCount(String tag, long count) {}

    /** What a page asks for: profiles with every one of {@code tags} (none: all), matching {@code query} (null: any). */
    public record PageQuery(List<String> tags, SearchQuery query, int limit) {}

    public String community() {
        return community;
    }

    /** Key attributes a position of this query has (GSI1 positions carry the table's key too). */
    public static Set<String> positionAttributes(PageQuery request) {
        if (request.query() != null) {
            return SearchIndex.POSITION_ATTRIBUTES;
        }
        return request.tags().isEmpty() ? Set.of(Keys.PK, Keys.SK, Keys.GSI1PK, Keys.GSI1SK) : Set.of(Keys.PK, Keys.SK);
    }

    public Page page(PageQuery request, Map<String, String> position) {
        if (request.query() != null) {
            SearchIndex.Matches matches = search.page(request.query(), request.tags(), request.limit(), position);
            return new Page(matches.cards(), matches.next());
        }
        Map<String, String> names = new HashMap<>(CARD_NAMES);
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> filters = new ArrayList<>();
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(tableName)
                .limit(request.limit())
                .projectionExpression(CARD_PROJECTION);
        if (request.tags().isEmpty()) {
            query.indexName(Keys.GSI1).keyConditionExpression("#pk = :pk");
            names.put("#pk", Keys.GSI1PK);
            values.put(":pk", AttributeValue.fromS(Keys.directoryPk(community)));
        } else {
            query.keyConditionExpression("#pk = :pk");
            names.put("#pk", Keys.PK);
            values.put(
                    ":pk",
                    AttributeValue.fromS(Keys.tagPk(community, request.tags().getFirst())));
            for (int i = 1; i < request.tags().size(); i++) {
                filters.add("contains(#" + ItemAttributes.TAGS + ", :t" + i + ")");
                values.put(":t" + i, AttributeValue.fromS(request.tags().get(i)));
            }
        }
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters));
        }
        if (position != null) {
            Map<String, AttributeValue> start = new HashMap<>();
            position.forEach((name, value) -> start.put(name, AttributeValue.fromS(value)));
            query.exclusiveStartKey(start);
        }
        QueryResponse response = dynamoDb.query(query.expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build());
        List<Card> cards = new ArrayList<>(response.items().size());
        for (Map<String, AttributeValue> item : response.items()) {
            cards.add(ProfileItems.card(item));
        }
        Map<String, String> next = null;
        if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
            next = new LinkedHashMap<>();
            for (Map.Entry<String, AttributeValue> key :
                    response.lastEvaluatedKey().entrySet()) {
                next.put(key.getKey(), key.getValue().s());
            }
        }
        return new Page(cards, next);
    }

    /** Every tag carried by at least one visible profile, with how many carry it, in tag order. One Query. */
    public List<TagCount> tagCounts() {
        QueryResponse response = dynamoDb.query(q -> q.tableName(tableName)
                .keyConditionExpression("#pk = :pk")
                .filterExpression("#count > :zero")
                .expressionAttributeNames(Map.of("#pk", Keys.PK, "#count", ItemAttributes.COUNT))
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(Keys.tagCountsPk(community)), ":zero", AttributeValue.fromN("0"))));
        List<TagCount> counts = new ArrayList<>(response.items().size());
        for (Map<String, AttributeValue> item : response.items()) {
            counts.add(new TagCount(
                    item.get(Keys.SK).s(),
                    Long.parseLong(item.get(ItemAttributes.COUNT).n())));
        }
        return counts;
    }
}
