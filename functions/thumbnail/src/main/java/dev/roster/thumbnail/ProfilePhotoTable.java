package dev.roster.thumbnail;

import dev.roster.core.PhotoStatus;
import dev.roster.core.profile.FocalPoint;
import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.ItemAttributes.PhotoAttributes;
import dev.roster.core.table.Keys;
import dev.roster.core.table.ProfileItems;
import dev.roster.thumbnail.image.CropSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The photo state of profiles in the table: the profile item ({@code C#c#P#<id>} / {@code PROFILE}) and,
 * while the profile is visible, one tag item per tag carrying a copy of the card. Every write is
 * conditioned on {@code pendingUploadId} being the upload at hand, so a duplicate or late event cannot
 * touch a profile that has moved on.
 */
public final class ProfilePhotoTable {
    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String community;

    public ProfilePhotoTable(DynamoDbClient dynamoDb, String tableName, String community) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.community = community;
    }

    /** What a photo update needs to know of a profile, as read (strongly consistent) before writing. */
    public record ProfileState(String profileId, Optional<String> pendingUploadId, Optional<Long> version,
                               List<String> tags, String sortName, boolean visible,
                               Optional<FocalPoint> pendingFocalPoint) {
        public boolean waitsFor(UploadKey upload) {
            return pendingUploadId.filter(upload.uploadId()::equals).isPresent();
        }
    }

    public enum Write { APPLIED, CONDITION_FAILED }

    public Optional<ProfileState> read(String profileId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).key(profileKey(profileId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProfileState(
                profileId,
                Optional.ofNullable(item.get(ItemAttributes.PENDING_UPLOAD_ID)).map(AttributeValue::s),
                Optional.ofNullable(item.get(ItemAttributes.VERSION)).map(v -> Long.parseLong(v.n())),
                // distinct: two actions on one tag item would fail the whole transaction
                Optional.ofNullable(item.get(ItemAttributes.TAGS)).filter(AttributeValue::hasL)
                        .map(l -> l.l().stream().map(AttributeValue::s).distinct().toList()).orElse(List.of()),
                ProfileItems.profileSortName(item),
                Optional.ofNullable(item.get(ItemAttributes.VISIBLE)).map(AttributeValue::bool).orElse(false),
                ProfileItems.focalPoint(item.get(ItemAttributes.PENDING_FOCAL_POINT))));
    }

    /**
     * One transaction: the photo on the profile item (status READY, pending upload and rejection removed,
     * version bumped) and on each of its tag items; conditioned on the pending upload and on the version
     * read, so the set of tag items written is the one the profile has.
     */
    public Write setPhoto(ProfileState profile, UploadKey upload, PhotoBlock photo) {
        AttributeValue photoMap = AttributeValue.fromM(photoMap(photo));
        Map<String, AttributeValue> values = new HashMap<>(versionValues(profile));
        values.put(":photo", photoMap);
        values.put(":ready", AttributeValue.fromS(PhotoStatus.READY.name()));
        values.put(":upload", AttributeValue.fromS(upload.uploadId()));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(tableName)
                .key(profileKey(profile.profileId()))
                .updateExpression("SET #photo = :photo, #status = :ready, #version = if_not_exists(#version, :zero) + :one"
                        + " REMOVE #pending, #pendingFocus, #rejection")
                .conditionExpression("#pending = :upload AND " + versionCondition(profile))
                .expressionAttributeNames(Map.of("#photo", ItemAttributes.PHOTO, "#status", ItemAttributes.PHOTO_STATUS,
                        "#version", ItemAttributes.VERSION, "#pending", ItemAttributes.PENDING_UPLOAD_ID,
                        "#pendingFocus", ItemAttributes.PENDING_FOCAL_POINT,
                        "#rejection", ItemAttributes.PHOTO_REJECTION))
                .expressionAttributeValues(values)).build());
        if (profile.visible()) {
            for (String tag : profile.tags()) {
                writes.add(TransactWriteItem.builder().update(u -> u.tableName(tableName)
                        .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.tagPk(community, tag)),
                                Keys.SK, AttributeValue.fromS(Keys.nameSortKey(profile.sortName(), profile.profileId()))))
                        .updateExpression("SET #photo = :photo")
                        // never create a half item: a tag item exists whenever the version read says so
                        .conditionExpression("attribute_exists(#pk)")
                        .expressionAttributeNames(Map.of("#photo", ItemAttributes.PHOTO, "#pk", Keys.PK))
                        .expressionAttributeValues(Map.of(":photo", photoMap))).build());
            }
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(writes));
            return Write.APPLIED;
        } catch (TransactionCanceledException e) {
            if (e.hasCancellationReasons() && e.cancellationReasons().stream()
                    .map(CancellationReason::code).anyMatch(CONDITIONAL_CHECK_FAILED::equals)) {
                return Write.CONDITION_FAILED;
            }
            throw e; // throttling, a conflicting transaction: worth retrying
        }
    }

    /**
     * Marks the pending upload REJECTED with a reason the member can read; the previous photo (if any)
     * stays on the card. Only the profile item changes: tag items hold no photo status.
     */
    public Write reject(UploadKey upload, String reason) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(profileKey(upload.profileId()))
                    .updateExpression("SET #status = :rejected, #rejection = :reason,"
                            + " #version = if_not_exists(#version, :zero) + :one REMOVE #pending, #pendingFocus")
                    .conditionExpression("#pending = :upload")
                    .expressionAttributeNames(Map.of("#status", ItemAttributes.PHOTO_STATUS,
                            "#rejection", ItemAttributes.PHOTO_REJECTION, "#version", ItemAttributes.VERSION,
                            "#pending", ItemAttributes.PENDING_UPLOAD_ID,
                            "#pendingFocus", ItemAttributes.PENDING_FOCAL_POINT))
                    .expressionAttributeValues(Map.of(":rejected", AttributeValue.fromS(PhotoStatus.REJECTED.name()),
                            ":reason", AttributeValue.fromS(reason), ":upload", AttributeValue.fromS(upload.uploadId()),
                            ":zero", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1"))));
            return Write.APPLIED;
        } catch (ConditionalCheckFailedException e) {
            return Write.CONDITION_FAILED;
        }
    }

    private Map<String, AttributeValue> profileKey(String profileId) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.profilePk(community, profileId)),
                Keys.SK, AttributeValue.fromS(Keys.PROFILE_SK));
    }

    private static Map<String, AttributeValue> versionValues(ProfileState profile) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":zero", AttributeValue.fromN("0"));
        values.put(":one", AttributeValue.fromN("1"));
        profile.version().ifPresent(v -> values.put(":version", AttributeValue.fromN(Long.toString(v))));
        return values;
    }

    private static String versionCondition(ProfileState profile) {
        return profile.version().isPresent() ? "#version = :version" : "attribute_not_exists(#version)";
    }

    static Map<String, AttributeValue> photoMap(PhotoBlock photo) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (CropSpec spec : CropSpec.values()) {
            map.put(spec.attribute(), AttributeValue.fromS(photo.urls().get(spec)));
        }
        map.put(PhotoAttributes.PLACEHOLDER, AttributeValue.fromS(photo.placeholder()));
        map.put(PhotoAttributes.COLOUR, AttributeValue.fromS(photo.colour()));
        map.put(PhotoAttributes.SOURCE_WIDTH, AttributeValue.fromN(Integer.toString(photo.sourceWidth())));
        map.put(PhotoAttributes.SOURCE_HEIGHT, AttributeValue.fromN(Integer.toString(photo.sourceHeight())));
        map.put(PhotoAttributes.SPEC_VERSION, AttributeValue.fromN(Integer.toString(photo.specVersion())));
        map.put(PhotoAttributes.UPLOAD_ID, AttributeValue.fromS(photo.uploadId()));
        map.put(PhotoAttributes.PROCESSED_AT, AttributeValue.fromS(photo.processedAt().toString()));
        photo.focalPoint().ifPresent(point -> map.put(PhotoAttributes.FOCAL_POINT, ProfileItems.focalPointValue(point)));
        map.put(PhotoAttributes.WINDOW, AttributeValue.fromM(Map.of(
                "x", AttributeValue.fromN(Integer.toString(photo.window().x())),
                "y", AttributeValue.fromN(Integer.toString(photo.window().y())),
                "side", AttributeValue.fromN(Integer.toString(photo.window().side())))));
        return map;
    }
}
