package dev.roster.core.table;

import dev.roster.core.PhotoStatus;
import dev.roster.core.json.Json;
import dev.roster.core.profile.Contact;
import dev.roster.core.profile.FocalPoint;
import dev.roster.core.profile.Photo;
import dev.roster.core.profile.ProfileInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What SnapStart priming's in-memory DynamoDB answers, as DynamoDB's own JSON: items made by the same key
 * and item code the functions write with ({@link Keys}, {@link ProfileItems}), so priming reads the shapes
 * production reads, and a key or attribute change reaches priming by itself.
 */
public final class PrimingItems {
    /** The made-up profile every priming request is about. */
    public static final String PROFILE_ID = "AAAAAAAA";

    public static final String TAG = "java";
    private static final ProfileInput MEMBER = new ProfileInput(
            "Zoë Prime", "Org", "Town", "https://example.org", "Hello", "", List.of(TAG, "go"), true, Contact.NONE);

    private PrimingItems() {}

    /**
     * {@code GetItem} of the profile, owned by {@code ownerSub}: the item also answers for its owner pointer,
     * which needs only the profile id the two share.
     */
    public static String ownedProfile(String community, String ownerSub) {
        Map<String, AttributeValue> item = profileItem(community);
        item.put(ItemAttributes.OWNER_SUB, ProfileItems.s(ownerSub));
        return getItem(item);
    }

    /** {@code GetItem} of the visible profile waiting for upload {@code uploadId} (what the thumbnail function reads). */
    public static String profileWaitingFor(String community, String uploadId) {
        Map<String, AttributeValue> item = profileItem(community);
        item.put(ItemAttributes.PHOTO_STATUS, ProfileItems.s(PhotoStatus.PENDING.name()));
        item.put(ItemAttributes.PENDING_UPLOAD_ID, ProfileItems.s(uploadId));
        return getItem(item);
    }

    /** {@code UpdateItem} returning the new version. */
    public static String updatedVersion(long version) {
        return json(Map.of("Attributes", wire(Map.of(ItemAttributes.VERSION, ProfileItems.n(version)))));
    }

    /** A {@code Query} page of one tag item (a card with a photo), with the position of the next page. */
    public static String cardPage(String community) {
        String sortName = ProfileItems.sortName(MEMBER.name());
        Map<String, AttributeValue> key =
                ProfileTable.key(Keys.tagPk(community, TAG), Keys.nameSortKey(sortName, PROFILE_ID));
        Map<String, AttributeValue> item = new LinkedHashMap<>(key);
        item.putAll(ProfileItems.cardAttributes(PROFILE_ID, MEMBER, ProfileItems.photoValue(photo(1))));
        return query(List.of(item), key);
    }

    /** A {@code Query} page of the tag counts. */
    public static String tagCounts(String community) {
        Map<String, AttributeValue> item = ProfileTable.key(Keys.tagCountsPk(community), TAG);
        item.put(ItemAttributes.COUNT, ProfileItems.n(3));
        return query(List.of(item), null);
    }

    /** A {@code Scan} page with one profile whose photo was made to spec version 0 (older than any). */
    public static String profileWithOldPhoto(String community) {
        Map<String, AttributeValue> item = profileItem(community);
        item.put(ItemAttributes.PHOTO, ProfileItems.photoValue(photo(0)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Count", 1);
        answer.put("ScannedCount", 1);
        answer.put("Items", List.of(wire(item)));
        return json(answer);
    }

    private static Map<String, AttributeValue> profileItem(String community) {
        String sortName = ProfileItems.sortName(MEMBER.name());
        Map<String, AttributeValue> item = ProfileTable.key(Keys.profilePk(community, PROFILE_ID), Keys.PROFILE_SK);
        item.putAll(ProfileItems.editableFields(community, PROFILE_ID, MEMBER, sortName, 1));
        item.put(ItemAttributes.PHOTO_STATUS, ProfileItems.s(PhotoStatus.NONE.name()));
        return item;
    }

    private static Photo photo(int specVersion) {
        return new Photo(
                "https://photos.example/t1.jpg",
                "https://photos.example/t2.jpg",
                "https://photos.example/d1.jpg",
                "https://photos.example/d2.jpg",
                "1QcSHQRnh493V4dIh4eXh1h4kJUI",
                "#336699",
                true,
                new Photo.Crop(640, 480, 80, 0, 480, new FocalPoint(0.5, 0.5), "https://photos.example/p.jpg"),
                specVersion,
                "priming",
                Instant.EPOCH);
    }

    private static String getItem(Map<String, AttributeValue> item) {
        return json(Map.of("Item", wire(item)));
    }

    private static String query(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastKey) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Count", items.size());
        answer.put("ScannedCount", items.size());
        answer.put("Items", items.stream().map(PrimingItems::wire).toList());
        if (lastKey != null) {
            answer.put("LastEvaluatedKey", wire(lastKey));
        }
        return json(answer);
    }

    /** An item in DynamoDB's JSON ({@code {"name": {"S": "…"}}}). */
    private static Map<String, Object> wire(Map<String, AttributeValue> item) {
        Map<String, Object> json = new LinkedHashMap<>();
        item.forEach((name, value) -> json.put(name, wire(value)));
        return json;
    }

    private static Map<String, Object> wire(AttributeValue value) {
        return switch (value.type()) {
            case S -> Map.of("S", value.s());
            case N -> Map.of("N", value.n());
            case BOOL -> Map.of("BOOL", value.bool());
            case NUL -> Map.of("NULL", true);
            case SS -> Map.of("SS", value.ss());
            case L -> {
                List<Object> list = new ArrayList<>();
                value.l().forEach(element -> list.add(wire(element)));
                yield Map.of("L", list);
            }
            case M -> Map.of("M", wire(value.m()));
            default -> throw new IllegalArgumentException("no priming item holds a " + value.type());
        };
    }

    private static String json(Map<String, Object> answer) {
        return Json.write(answer);
    }
}
