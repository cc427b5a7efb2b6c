package dev.roster.thumbnail;

import dev.roster.core.PhotoStatus;
import dev.roster.core.profile.FocalPoint;
import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.Keys;
import dev.roster.core.table.ProfileItems;
import dev.roster.emulator.LocalAws;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Profile and tag items as the profile function writes them, put straight into the local table. */
final class Profiles {
    static final String COMMUNITY = "main";

    private final LocalAws aws;
    private final String table;
    private final DynamoDbClient dynamoDb;

    Profiles(LocalAws aws) {
        this(aws, aws.dynamoDb());
    }

    private Profiles(LocalAws aws, DynamoDbClient dynamoDb) {
        this.aws = aws;
        this.table = aws.physicalName("ProfilesTable");
        this.dynamoDb = dynamoDb;
    }

    /** The same profiles, changed through another client (e.g. one behind a proxy that isolates calls). */
    Profiles through(DynamoDbClient client) {
        return new Profiles(aws, client);
    }

    /** A visible profile with tags, waiting for {@code pendingUploadId} (as after {@code POST /me/photo}). */
    void waitingForUpload(String profileId, String pendingUploadId, List<String> tags) {
        String sortName = "ada lovelace " + profileId;
        Map<String, AttributeValue> item = new HashMap<>(card(profileId, tags));
        item.put(Keys.PK, s(Keys.profilePk(COMMUNITY, profileId)));
        item.put(Keys.SK, s(Keys.PROFILE_SK));
        item.put(Keys.GSI1PK, s(Keys.directoryPk(COMMUNITY)));
        item.put(Keys.GSI1SK, s(Keys.nameSortKey(sortName, profileId)));
        item.put(ItemAttributes.SORT_NAME, s(sortName));
        item.put(ItemAttributes.VISIBLE, AttributeValue.fromBool(true));
        item.put(ItemAttributes.VERSION, AttributeValue.fromN("3"));
        item.put(ItemAttributes.BIO, s("Analytical engines."));
        item.put(ItemAttributes.PHOTO_STATUS, s(PhotoStatus.PENDING.name()));
        item.put(ItemAttributes.PENDING_UPLOAD_ID, s(pendingUploadId));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
        for (String tag : tags) {
            Map<String, AttributeValue> tagItem = new HashMap<>(card(profileId, tags));
            tagItem.put(Keys.PK, s(Keys.tagPk(COMMUNITY, tag)));
            tagItem.put(Keys.SK, s(Keys.nameSortKey(sortName, profileId)));
            dynamoDb.putItem(b -> b.tableName(table).item(tagItem));
        }
    }

    /** What {@code POST /me/photo} does: a new upload is now the one the profile waits for. */
    void requestUpload(String profileId, String uploadId) {
        dynamoDb.updateItem(b -> b.tableName(table)
                .key(profileKey(profileId))
                .updateExpression("SET #p = :u, #s = :pending, #v = #v + :one")
                .expressionAttributeNames(Map.of(
                        "#p",
                        ItemAttributes.PENDING_UPLOAD_ID,
                        "#s",
                        ItemAttributes.PHOTO_STATUS,
                        "#v",
                        ItemAttributes.VERSION))
                .expressionAttributeValues(Map.of(
                        ":u",
                        s(uploadId),
                        ":pending",
                        s(PhotoStatus.PENDING.name()),
                        ":one",
                        AttributeValue.fromN("1"))));
    }

    /** The focal point recorded next to the pending upload (as {@code POST /me/photo} with {@code focalPoint} does). */
    void focusPendingUpload(String profileId, FocalPoint point) {
        dynamoDb.updateItem(b -> b.tableName(table)
                .key(profileKey(profileId))
                .updateExpression("SET #f = :f")
                .expressionAttributeNames(Map.of("#f", ItemAttributes.PENDING_FOCAL_POINT))
                .expressionAttributeValues(Map.of(":f", ProfileItems.focalPointValue(point))));
    }

    /** What a profile edit does: new tag set, a tag item for the new tag, version bumped. */
    void addTag(String profileId, String tag) {
        Map<String, AttributeValue> profile = profile(profileId);
        List<String> tags = new java.util.ArrayList<>(profile.get(ItemAttributes.TAGS).l().stream()
                .map(AttributeValue::s)
                .toList());
        tags.add(tag);
        String sortName = profile.get(ItemAttributes.SORT_NAME).s();
        Map<String, AttributeValue> tagItem = new HashMap<>(card(profileId, tags));
        tagItem.put(Keys.PK, s(Keys.tagPk(COMMUNITY, tag)));
        tagItem.put(Keys.SK, s(Keys.nameSortKey(sortName, profileId)));
        dynamoDb.putItem(b -> b.tableName(table).item(tagItem));
        dynamoDb.updateItem(b -> b.tableName(table)
                .key(profileKey(profileId))
                .updateExpression("SET #t = :t, #v = #v + :one")
                .expressionAttributeNames(Map.of("#t", ItemAttributes.TAGS, "#v", ItemAttributes.VERSION))
                .expressionAttributeValues(Map.of(
                        ":t",
                        AttributeValue.fromL(tags.stream().map(Profiles::s).toList()),
                        ":one",
                        AttributeValue.fromN("1"))));
    }

    /** What {@code DELETE /me} does to the items: the profile and its tag items are gone. */
    void erase(String profileId, List<String> tags) {
        String sortName = profile(profileId).get(ItemAttributes.SORT_NAME).s();
        for (String tag : tags) {
            dynamoDb.deleteItem(b -> b.tableName(table)
                    .key(Map.of(
                            Keys.PK,
                            s(Keys.tagPk(COMMUNITY, tag)),
                            Keys.SK,
                            s(Keys.nameSortKey(sortName, profileId)))));
        }
        dynamoDb.deleteItem(b -> b.tableName(table).key(profileKey(profileId)));
    }

    Map<String, AttributeValue> profile(String profileId) {
        return dynamoDb.getItem(
                        b -> b.tableName(table).key(profileKey(profileId)).consistentRead(true))
                .item();
    }

    Map<String, AttributeValue> tagItem(String profileId, String tag) {
        String sortName = profile(profileId).get(ItemAttributes.SORT_NAME).s();
        return dynamoDb.getItem(b -> b.tableName(table)
                        .consistentRead(true)
                        .key(Map.of(
                                Keys.PK,
                                s(Keys.tagPk(COMMUNITY, tag)),
                                Keys.SK,
                                s(Keys.nameSortKey(sortName, profileId)))))
                .item();
    }

    private static Map<String, AttributeValue> card(String profileId, List<String> tags) {
        return Map.of(
                ItemAttributes.PROFILE_ID,
                s(profileId),
                ItemAttributes.NAME,
                s("Ada Lovelace"),
                ItemAttributes.ORGANISATION,
                s("Analytical Society"),
                ItemAttributes.TAGS,
                AttributeValue.fromL(tags.stream().map(Profiles::s).toList()));
    }

    private static Map<String, AttributeValue> profileKey(String profileId) {
        return Map.of(Keys.PK, s(Keys.profilePk(COMMUNITY, profileId)), Keys.SK, s(Keys.PROFILE_SK));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
