package dev.roster.core.table;

import dev.roster.core.profile.Card;
import dev.roster.core.profile.SearchPhrases;
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
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The search index (docs/design.md, <em>Search</em>): one item per phrase of a visible profile
 * ({@link SearchPhrases}), {@code C#c#Q#<first letter>} / {@code <phrase>#<sortName>#<profileId>}, carrying
 * the card, so a page of matches is one {@code Query}: the phrases that begin with the search, in phrase then
 * name order.
 * <p>
 * The Query's only filter drops a phrase whose profile has a lower phrase answering the same search
 * ({@code shadow < length}); tags, when given, are a filter on the copied {@code tags} too. Because a filter
 * applies after {@code Limit}, the Query reads {@link #readLimit} items, a little more than the page, and
 * the page ends at its {@code limit}-th match; its cursor is that match's key, so nothing read past it is
 * lost. A page is short only when more than {@code readLimit - limit - 1} of the items read are filtered out.
 */
public final class SearchIndex {
    /** The card a list page returns ({@link Directory#CARD_PROJECTION}), plus the key, to continue after any item. */
    private static final String PROJECTION = Directory.CARD_PROJECTION + ", #pk, #sk";

    private static final Map<String, String> PROJECTED_NAMES = new HashMap<>(Directory.CARD_NAMES);

    static {
        PROJECTED_NAMES.put("#pk", Keys.PK);
        PROJECTED_NAMES.put("#sk", Keys.SK);
    }

    /** Where the next page of a search starts: the table key of the last match returned. */
    public static final Set<String> POSITION_ATTRIBUTES = Set.of(Keys.PK, Keys.SK);

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String community;

    public SearchIndex(DynamoDbClient dynamoDb, String tableName, String community) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.community = community;
    }

    /** A page of matches and where the next starts (key attribute names to values; null when none remain). */
    public record Matches(List<Card> cards, Map<String, String> next) {}

    /**
     * Items one search request reads for a page of {@code limit}: the page, one more (to know whether another
     * page exists) and half a page of room for items the filter drops.
     */
    public static int readLimit(int limit) {
        return limit + limit / 2 + 1;
    }

    /** One page of profiles matching {@code query} (and carrying every one of {@code tags}). One Query. */
    public Matches page(SearchQuery query, List<String> tags, int limit, Map<String, String> position) {
        Map<String, String> names = new HashMap<>(PROJECTED_NAMES);
        names.put("#shadow", ItemAttributes.SHADOW);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", AttributeValue.fromS(Keys.searchPk(community, query.phrase())));
        values.put(":q", AttributeValue.fromS(query.phrase()));
        values.put(":length", AttributeValue.fromN(Integer.toString(query.length())));
        StringBuilder filter = new StringBuilder("#shadow < :length");
        for (int i = 0; i < tags.size(); i++) {
            filter.append(" AND contains(#")
                    .append(ItemAttributes.TAGS)
                    .append(", :t")
                    .append(i)
                    .append(')');
            values.put(":t" + i, AttributeValue.fromS(tags.get(i)));
        }
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :q)")
                .filterExpression(filter.toString())
                .projectionExpression(PROJECTION)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .limit(readLimit(limit));
        if (position != null) {
            Map<String, AttributeValue> start = new HashMap<>();
            position.forEach((name, value) -> start.put(name, AttributeValue.fromS(value)));
            request.exclusiveStartKey(start);
        }
        QueryResponse response = dynamoDb.query(request.build());
        List<Map<String, AttributeValue>> items = response.items();
        List<Card> cards = new ArrayList<>(Math.min(limit, items.size()));
        for (Map<String, AttributeValue> item : items.subList(0, Math.min(limit, items.size()))) {
            cards.add(ProfileItems.card(item));
        }
        Map<String, String> next = null;
        if (items.size() > limit) {
            next = keyOf(items.get(limit - 1));
        } else if (response.hasLastEvaluatedKey()
                && !response.lastEvaluatedKey().isEmpty()) {
            next = keyOf(response.lastEvaluatedKey());
        }
        return new Matches(cards, next);
    }

    /**
     * The index items of a visible profile: one per phrase, each the card plus its shadow. {@code card} is
     * what the profile's tag items carry (without {@code search}, which the index does not need).
     */
    public static List<Map<String, AttributeValue>> items(
            String community,
            String profileId,
            String sortName,
            SearchPhrases phrases,
            Map<String, AttributeValue> card) {
        List<Map<String, AttributeValue>> items =
                new ArrayList<>(phrases.phrases().size());
        for (SearchPhrases.Phrase phrase : phrases.phrases()) {
            Map<String, AttributeValue> item = new LinkedHashMap<>(card);
            item.remove(ItemAttributes.SEARCH);
            item.put(Keys.PK, AttributeValue.fromS(Keys.searchPk(community, phrase.text())));
            item.put(Keys.SK, AttributeValue.fromS(Keys.searchSk(phrase.text(), sortName, profileId)));
            item.put(ItemAttributes.SHADOW, AttributeValue.fromN(Integer.toString(phrase.shadow())));
            items.add(item);
        }
        return items;
    }

    /**
     * What moves a profile's index from the items it lists ({@code stored}, sort keys) to {@code wanted}: a
     * {@code Delete} of each stored item no longer wanted, a {@code Put} of each wanted one (the card may have
     * changed), and the sort keys to list on the profile item from now on. A hidden profile wants none.
     */
    public record Change(List<TransactWriteItem> actions, List<String> keys) {
        /** At most this many actions: every stored item deleted and as many new ones put. */
        public static final int MAX_ACTIONS = 2 * SearchPhrases.MAX_PHRASES;
    }

    public static Change change(
            String tableName, String community, List<String> stored, List<Map<String, AttributeValue>> wanted) {
        List<TransactWriteItem> actions = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : wanted) {
            keys.add(item.get(Keys.SK).s());
        }
        for (Map<String, AttributeValue> key : keys(community, stored)) {
            if (!keys.contains(key.get(Keys.SK).s())) {
                actions.add(TransactWriteItem.builder()
                        .delete(d -> d.tableName(tableName).key(key))
                        .build());
            }
        }
        for (Map<String, AttributeValue> item : wanted) {
            actions.add(TransactWriteItem.builder()
                    .put(p -> p.tableName(tableName).item(item))
                    .build());
        }
        return new Change(actions, keys);
    }

    /** The list of sort keys a profile item stores ({@link ItemAttributes#SEARCH_KEYS}). */
    public static AttributeValue keysValue(List<String> keys) {
        return AttributeValue.fromL(keys.stream().map(AttributeValue::fromS).toList());
    }

    /** The table keys of the index items whose sort keys a profile item lists ({@link ItemAttributes#SEARCH_KEYS}). */
    public static List<Map<String, AttributeValue>> keys(String community, List<String> searchSks) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>(searchSks.size());
        for (String sk : searchSks) {
            keys.add(Map.of(
                    Keys.PK,
                    AttributeValue.fromS(Keys.searchPkOfSk(community, sk)),
                    Keys.SK,
                    AttributeValue.fromS(sk)));
        }
        return keys;
    }

    /** The index sort keys a profile item lists (empty when it lists none). */
    public static List<String> storedKeys(Map<String, AttributeValue> profileItem) {
        AttributeValue value = profileItem.get(ItemAttributes.SEARCH_KEYS);
        return value == null || !value.hasL()
                ? List.of()
                : value.l().stream().map(AttributeValue::s).toList();
    }

    private static Map<String, String> keyOf(Map<String, AttributeValue> item) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put(Keys.PK, item.get(Keys.PK).s());
        key.put(Keys.SK, item.get(Keys.SK).s());
        return key;
    }
}
