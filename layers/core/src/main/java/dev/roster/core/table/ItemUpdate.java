package dev.roster.core.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One {@code UpdateItem} (alone or in a transaction) built from attribute names and values: every name goes
 * through a {@code #placeholder} (so reserved words such as {@code count} need no care) and every value
 * through a {@code :placeholder}, and the condition is written with the same placeholders.
 */
final class ItemUpdate {
    private final Map<String, AttributeValue> key;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final List<String> adds = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();

    ItemUpdate(Map<String, AttributeValue> key) {
        this.key = key;
    }

    /** The placeholder of an attribute path ({@code photo.uploadId} → {@code #n0.#n1}). */
    String name(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("\\.")) {
            String placeholder = names.entrySet().stream()
                    .filter(e -> e.getValue().equals(part))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(null);
            if (placeholder == null) {
                placeholder = "#n" + names.size();
                names.put(placeholder, part);
            }
            parts.add(placeholder);
        }
        return String.join(".", parts);
    }

    /** The placeholder of a value. */
    String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    ItemUpdate set(String attribute, AttributeValue value) {
        sets.add(name(attribute) + " = " + value(value));
        return this;
    }

    ItemUpdate setAll(Map<String, AttributeValue> fields) {
        fields.forEach(this::set);
        return this;
    }

    ItemUpdate remove(String... attributes) {
        for (String attribute : attributes) {
            removes.add(name(attribute));
        }
        return this;
    }

    ItemUpdate add(String attribute, long delta) {
        adds.add(name(attribute) + " " + value(AttributeValue.fromN(Long.toString(delta))));
        return this;
    }

    /** A condition, written with {@link #name} and {@link #value} placeholders; several are ANDed. */
    ItemUpdate when(String condition) {
        conditions.add("(" + condition + ")");
        return this;
    }

    ItemUpdate whenEquals(String attribute, AttributeValue value) {
        return when(name(attribute) + " = " + value(value));
    }

    ItemUpdate whenExists(String attribute) {
        return when(exists(attribute));
    }

    String exists(String attribute) {
        return "attribute_exists(" + name(attribute) + ")";
    }

    String absent(String attribute) {
        return "attribute_not_exists(" + name(attribute) + ")";
    }

    /** The version condition of a profile read at {@code version} (0: an item written before versions). */
    ItemUpdate whenVersion(long version) {
        return when(
                version == 0
                        ? absent(ItemAttributes.VERSION)
                        : name(ItemAttributes.VERSION) + " = " + value(AttributeValue.fromN(Long.toString(version))));
    }

    private String expression() {
        StringBuilder expression = new StringBuilder();
        if (!sets.isEmpty()) {
            expression.append("SET ").append(String.join(", ", sets));
        }
        if (!removes.isEmpty()) {
            expression.append(expression.isEmpty() ? "" : " ").append("REMOVE ").append(String.join(", ", removes));
        }
        if (!adds.isEmpty()) {
            expression.append(expression.isEmpty() ? "" : " ").append("ADD ").append(String.join(", ", adds));
        }
        return expression.toString();
    }

    UpdateItemRequest.Builder request(String tableName) {
        UpdateItemRequest.Builder request = UpdateItemRequest.builder()
                .tableName(tableName)
                .key(key)
                .updateExpression(expression())
                .expressionAttributeNames(names);
        if (!values.isEmpty()) {
            request.expressionAttributeValues(values);
        }
        if (!conditions.isEmpty()) {
            request.conditionExpression(String.join(" AND ", conditions));
        }
        return request;
    }

    TransactWriteItem transactItem(String tableName) {
        return TransactWriteItem.builder()
                .update(u -> {
                    u.tableName(tableName)
                            .key(key)
                            .updateExpression(expression())
                            .expressionAttributeNames(names);
                    if (!values.isEmpty()) {
                        u.expressionAttributeValues(values);
                    }
                    if (!conditions.isEmpty()) {
                        u.conditionExpression(String.join(" AND ", conditions));
                    }
                })
                .build();
    }
}
