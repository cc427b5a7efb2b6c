package dev.roster.core.table;

import dev.roster.core.PhotoStatus;
import dev.roster.core.profile.FocalPoint;
import dev.roster.core.profile.Profile;
import dev.roster.core.profile.ProfileInput;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.roster.core.table.ItemAttributes.BIO;
import static dev.roster.core.table.ItemAttributes.COUNT;
import static dev.roster.core.table.ItemAttributes.EMAIL;
import static dev.roster.core.table.ItemAttributes.IMPORT_ID;
import static dev.roster.core.table.ItemAttributes.OWNED_PROFILE_ID;
import static dev.roster.core.table.ItemAttributes.OWNER_SUB;
import static dev.roster.core.table.ItemAttributes.PENDING_FOCAL_POINT;
import static dev.roster.core.table.ItemAttributes.PENDING_UPLOAD_ID;
import static dev.roster.core.table.ItemAttributes.PHOTO;
import static dev.roster.core.table.ItemAttributes.PHOTO_REJECTION;
import static dev.roster.core.table.ItemAttributes.PHOTO_STATUS;
import static dev.roster.core.table.ItemAttributes.SORT_NAME;
import static dev.roster.core.table.ItemAttributes.VERSION;
import static dev.roster.core.table.ItemAttributes.VISIBLE;
import static dev.roster.core.table.ItemAttributes.WEBSITE;
import static dev.roster.core.table.ProfileItems.s;

/**
 * The profile side of the table: owner pointers, profile items, their tag items and the tag counts. Every
 * change to card fields is one {@code TransactWriteItems} conditioned on the profile's {@code version}
 * (and its owner), so a stale or foreign write changes nothing.
 */
public final class ProfileTable {
    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String community;

    public ProfileTable(DynamoDbClient dynamoDb, String tableName, String community) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.community = community;
    }

    /** What a conditional write came to. */
    public sealed interface Write {
        record Done(long version) implements Write {
        }

        /** A condition failed: someone else wrote first (or the item is not what the caller thinks). */
        record ConditionFailed() implements Write {
        }

        /**
         * Another transaction touched one of the same items at the same moment, or DynamoDB throttled this one;
         * nothing was written, and the same write may pass a moment later.
         */
        record Contended() implements Write {
        }
    }

    public Optional<String> ownedProfileId(String sub) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(key(Keys.ownerPk(community, sub), Keys.OWNER_SK))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get(OWNED_PROFILE_ID).s());
    }

    public Optional<Map<String, AttributeValue>> profileItem(String profileId, boolean consistent) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).consistentRead(consistent)
                .key(key(Keys.profilePk(community, profileId), Keys.PROFILE_SK))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Creates the owner pointer and the profile together; fails if the subject already owns one. */
    public Write create(String sub, String profileId, ProfileInput input) {
        Map<String, AttributeValue> owner = key(Keys.ownerPk(community, sub), Keys.OWNER_SK);
        owner.put(OWNED_PROFILE_ID, s(profileId));
        return create(owner, Map.of(OWNER_SUB, s(sub)), profileId, input);
    }

    /**
     * Creates a profile brought in by a bulk import together with its import pointer ({@link Keys#importPk}),
     * so the same import id can never make a second profile. It has no owner until its member claims it.
     */
    public Write createImported(String importId, String profileId, ProfileInput input) {
        Map<String, AttributeValue> pointer = key(Keys.importPk(community, importId), Keys.IMPORT_SK);
        pointer.put(OWNED_PROFILE_ID, s(profileId));
        return create(pointer, Map.of(IMPORT_ID, s(importId)), profileId, input);
    }

    /** The profile an import id made, if any. */
    public Optional<String> importedProfileId(String importId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(key(Keys.importPk(community, importId), Keys.IMPORT_SK))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get(OWNED_PROFILE_ID).s());
    }

    /** The pointer item (owner or import) and the profile in one transaction; fails if either exists. */
    private Write create(Map<String, AttributeValue> pointer, Map<String, AttributeValue> extra, String profileId,
                         ProfileInput input) {
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(TransactWriteItem.builder().put(p -> p.tableName(tableName).item(pointer)
                .conditionExpression("attribute_not_exists(PK)")).build());

        Map<String, AttributeValue> profile = key(Keys.profilePk(community, profileId), Keys.PROFILE_SK);
        profile.putAll(ProfileItems.cardAttributes(profileId, input, null));
        profile.putAll(extra);
        profile.put(EMAIL, s(input.email()));
        profile.put(WEBSITE, s(input.website()));
        profile.put(BIO, s(input.bio()));
        profile.put(VISIBLE, AttributeValue.fromBool(input.visible()));
        String sortName = ProfileItems.sortName(input.name());
        profile.put(SORT_NAME, s(sortName));
        profile.put(VERSION, AttributeValue.fromN("1"));
        profile.put(PHOTO_STATUS, s(PhotoStatus.NONE.name()));
        if (input.visible()) {
            profile.put(Keys.GSI1PK, s(Keys.directoryPk(community)));
            profile.put(Keys.GSI1SK, s(Keys.nameSortKey(sortName, profileId)));
        }
        actions.add(TransactWriteItem.builder().put(p -> p.tableName(tableName).item(profile)
                .conditionExpression("attribute_not_exists(PK)")).build());
        Set<String> visibleTags = input.visible() ? new LinkedHashSet<>(input.tags()) : Set.of();
        addTagItems(actions, profileId, sortName, visibleTags, input, null);
        addCountChanges(actions, Set.of(), visibleTags);
        return transact(actions, 1);
    }

    /**
     * Rewrites the editable fields of {@code current} (read at {@code current.version()}) and moves its tag
     * items and counts to match: tag items of tags dropped, of a changed sort name or of a profile made
     * hidden are deleted; those of a visible profile are (re)written with the new card.
     */
    public Write update(Map<String, AttributeValue> currentItem, Profile current, ProfileInput input) {
        return update(currentItem, current, input, false);
    }

    /**
     * The same rewrite for a re-run of an import: conditioned on the version read and on the profile still
     * having no owner, so an import never overwrites what a member has made their own.
     */
    public Write updateUnclaimed(Map<String, AttributeValue> currentItem, Profile current, ProfileInput input) {
        return update(currentItem, current, input, true);
    }

    private Write update(Map<String, AttributeValue> currentItem, Profile current, ProfileInput input, boolean unclaimed) {
        String id = current.id();
        String oldSort = ProfileItems.profileSortName(currentItem);
        String newSort = ProfileItems.sortName(input.name());
        long next = current.version() + 1;

        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        Map<String, AttributeValue> fields = new LinkedHashMap<>(ProfileItems.cardAttributes(id, input, null));
        fields.put(EMAIL, s(input.email()));
        fields.put(WEBSITE, s(input.website()));
        fields.put(BIO, s(input.bio()));
        fields.put(VISIBLE, AttributeValue.fromBool(input.visible()));
        fields.put(SORT_NAME, s(newSort));
        fields.put(VERSION, AttributeValue.fromN(Long.toString(next)));
        if (input.visible()) {
            fields.put(Keys.GSI1PK, s(Keys.directoryPk(community)));
            fields.put(Keys.GSI1SK, s(Keys.nameSortKey(newSort, id)));
        }
        int n = 0;
        for (Map.Entry<String, AttributeValue> field : fields.entrySet()) {
            names.put("#f" + n, field.getKey());
            values.put(":f" + n, field.getValue());
            sets.add("#f" + n + " = :f" + n);
            n++;
        }
        String expression = "SET " + String.join(", ", sets)
                + (input.visible() ? "" : " REMOVE " + Keys.GSI1PK + ", " + Keys.GSI1SK);
        names.put("#version", VERSION);
        names.put("#owner", OWNER_SUB);
        values.put(":expected", AttributeValue.fromN(Long.toString(current.version())));
        if (!unclaimed) {
            values.put(":owner", s(current.ownerSub()));
        }
        String condition = "#version = :expected AND " + (unclaimed ? "attribute_not_exists(#owner)" : "#owner = :owner");

        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(TransactWriteItem.builder().update(u -> u.tableName(tableName)
                .key(key(Keys.profilePk(community, id), Keys.PROFILE_SK))
                .updateExpression(expression)
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)).build());

        Set<String> oldTags = current.visible() ? new LinkedHashSet<>(current.tags()) : Set.of();
        Set<String> newTags = input.visible() ? new LinkedHashSet<>(input.tags()) : Set.of();
        for (String tag : oldTags) {
            if (!newTags.contains(tag) || !oldSort.equals(newSort)) {
                actions.add(TransactWriteItem.builder().delete(d -> d.tableName(tableName)
                        .key(key(Keys.tagPk(community, tag), Keys.nameSortKey(oldSort, id)))).build());
            }
        }
        addTagItems(actions, id, newSort, newTags, input, currentItem.get(PHOTO));
        addCountChanges(actions, oldTags, newTags);
        return transact(actions, next);
    }

    /**
     * Records the upload the member was handed a URL for (or that re-crops the photo), and the focal point
     * to crop it around, if any; only that upload may change the photo later. The current photo stays until
     * the new crops are ready.
     */
    public Write recordPendingUpload(String profileId, String ownerSub, String uploadId, Optional<FocalPoint> focalPoint) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":upload", s(uploadId),
                ":pending", s(PhotoStatus.PENDING.name()), ":one", AttributeValue.fromN("1"), ":owner", s(ownerSub)));
        focalPoint.ifPresent(point -> values.put(":focus", ProfileItems.focalPointValue(point)));
        try {
            Map<String, AttributeValue> updated = dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(key(Keys.profilePk(community, profileId), Keys.PROFILE_SK))
                    .updateExpression("SET #pending = :upload, #status = :pending"
                            + (focalPoint.isPresent() ? ", #focus = :focus REMOVE #rejection" : " REMOVE #rejection, #focus")
                            + " ADD #version :one")
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#pending", PENDING_UPLOAD_ID, "#status", PHOTO_STATUS,
                            "#rejection", PHOTO_REJECTION, "#version", VERSION, "#owner", OWNER_SUB,
                            "#focus", PENDING_FOCAL_POINT))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            return new Write.Done(Long.parseLong(updated.get(VERSION).n()));
        } catch (ConditionalCheckFailedException e) {
            return new Write.ConditionFailed();
        }
    }

    /**
     * Makes {@code uploadId} the upload the profile waits for, on behalf of an ops job (import, reprocess)
     * whose object is about to be put under {@code uploads/}: the same field {@code POST /me/photo} sets, so
     * the thumbnail function treats it like any upload. {@code condition} (over {@code #pending},
     * {@code #photo}, {@code #photo.#uploadId}, {@code #owner}, {@code #source} (the import photo source) and the given {@code values}) says when the job may still do it; a
     * member's own upload in between makes it fail, and the member's photo wins.
     */
    public Write queuePhoto(String profileId, String uploadId, String condition, Map<String, AttributeValue> values,
                            Map<String, AttributeValue> alsoSet) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":upload", s(uploadId));
        all.put(":one", AttributeValue.fromN("1"));
        Map<String, String> names = new HashMap<>(Map.of("#pending", PENDING_UPLOAD_ID, "#version", VERSION,
                "#photo", PHOTO, "#owner", OWNER_SUB, "#uploadId", ItemAttributes.PhotoAttributes.UPLOAD_ID,
                "#source", ItemAttributes.IMPORT_PHOTO_SOURCE));
        StringBuilder set = new StringBuilder("SET #pending = :upload");
        int n = 0;
        for (Map.Entry<String, AttributeValue> field : alsoSet.entrySet()) {
            names.put("#a" + n, field.getKey());
            all.put(":a" + n, field.getValue());
            set.append(", #a").append(n).append(" = :a").append(n);
            n++;
        }
        names.keySet().removeIf(name -> !(set + " " + condition + " #version").contains(name));
        try {
            Map<String, AttributeValue> updated = dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(key(Keys.profilePk(community, profileId), Keys.PROFILE_SK))
                    .updateExpression(set + " ADD #version :one")
                    .conditionExpression("attribute_exists(PK) AND (" + condition + ")")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(all)
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            return new Write.Done(Long.parseLong(updated.get(VERSION).n()));
        } catch (ConditionalCheckFailedException e) {
            return new Write.ConditionFailed();
        }
    }

    /** Undoes {@link #queuePhoto} when its object could not be put under {@code uploads/} (only if still waiting for it). */
    public Write unqueuePhoto(String profileId, String uploadId) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(key(Keys.profilePk(community, profileId), Keys.PROFILE_SK))
                    .updateExpression("REMOVE #pending, #focus ADD #version :one")
                    .conditionExpression("#pending = :upload")
                    .expressionAttributeNames(Map.of("#pending", PENDING_UPLOAD_ID, "#version", VERSION,
                            "#focus", PENDING_FOCAL_POINT))
                    .expressionAttributeValues(Map.of(":upload", s(uploadId), ":one", AttributeValue.fromN("1"))));
            return new Write.Done(-1);
        } catch (ConditionalCheckFailedException e) {
            return new Write.ConditionFailed();
        }
    }

    /**
     * Forgets a pending re-crop whose original turned out to be gone: the photo it would have replaced is
     * still there and READY. Does nothing if another upload was requested meanwhile.
     */
    public void abandonUpload(String profileId, String uploadId) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(key(Keys.profilePk(community, profileId), Keys.PROFILE_SK))
                    .updateExpression("SET #status = :ready REMOVE #pending, #focus ADD #version :one")
                    .conditionExpression("#pending = :upload")
                    .expressionAttributeNames(Map.of("#pending", PENDING_UPLOAD_ID, "#status", PHOTO_STATUS,
                            "#version", VERSION, "#focus", PENDING_FOCAL_POINT))
                    .expressionAttributeValues(Map.of(":upload", s(uploadId), ":ready", s(PhotoStatus.READY.name()),
                            ":one", AttributeValue.fromN("1"))));
        } catch (ConditionalCheckFailedException e) {
            // a newer upload took its place: nothing to undo
        }
    }

    /**
     * Drops the photo from the profile and its tag items (cards fall back to the avatar) and forgets any
     * pending upload, so an upload still in flight cannot bring the photo back.
     */
    public Write removePhoto(Map<String, AttributeValue> currentItem, Profile current) {
        long next = current.version() + 1;
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(TransactWriteItem.builder().update(u -> u.tableName(tableName)
                .key(key(Keys.profilePk(community, current.id()), Keys.PROFILE_SK))
                .updateExpression("SET #status = :none, #version = :next REMOVE #photo, #pending, #focus, #rejection")
                .conditionExpression("#version = :expected AND #owner = :owner")
                .expressionAttributeNames(Map.of("#status", PHOTO_STATUS, "#version", VERSION, "#photo", PHOTO,
                        "#pending", PENDING_UPLOAD_ID, "#rejection", PHOTO_REJECTION, "#owner", OWNER_SUB,
                        "#focus", PENDING_FOCAL_POINT))
                .expressionAttributeValues(Map.of(":none", s(PhotoStatus.NONE.name()),
                        ":next", AttributeValue.fromN(Long.toString(next)),
                        ":expected", AttributeValue.fromN(Long.toString(current.version())),
                        ":owner", s(current.ownerSub())))).build());
        if (current.visible()) {
            String sort = ProfileItems.profileSortName(currentItem);
            for (String tag : new LinkedHashSet<>(current.tags())) {
                actions.add(TransactWriteItem.builder().update(u -> u.tableName(tableName)
                        .key(key(Keys.tagPk(community, tag), Keys.nameSortKey(sort, current.id())))
                        .updateExpression("REMOVE #photo")
                        .conditionExpression("attribute_exists(PK)")
                        .expressionAttributeNames(Map.of("#photo", PHOTO))).build());
            }
        }
        return transact(actions, next);
    }

    private void addTagItems(List<TransactWriteItem> actions, String id, String sortName, Set<String> tags,
                             ProfileInput input, AttributeValue photo) {
        Map<String, AttributeValue> card = ProfileItems.cardAttributes(id, input, photo);
        for (String tag : tags) {
            Map<String, AttributeValue> item = key(Keys.tagPk(community, tag), Keys.nameSortKey(sortName, id));
            item.putAll(card);
            actions.add(TransactWriteItem.builder().put(p -> p.tableName(tableName).item(item)).build());
        }
    }

    /** Visible profiles per tag: +1 for each tag a visible profile gains, -1 for each it loses. */
    private void addCountChanges(List<TransactWriteItem> actions, Set<String> before, Set<String> after) {
        for (String tag : after) {
            if (!before.contains(tag)) {
                actions.add(countChange(tag, 1));
            }
        }
        for (String tag : before) {
            if (!after.contains(tag)) {
                actions.add(countChange(tag, -1));
            }
        }
    }

    private TransactWriteItem countChange(String tag, int delta) {
        return TransactWriteItem.builder().update(u -> u.tableName(tableName)
                .key(key(Keys.tagCountsPk(community), tag))
                .updateExpression("ADD #count :delta")
                .expressionAttributeNames(Map.of("#count", COUNT))
                .expressionAttributeValues(Map.of(":delta", AttributeValue.fromN(Integer.toString(delta))))).build();
    }

    private Write transact(List<TransactWriteItem> actions, long version) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(actions));
            return new Write.Done(version);
        } catch (TransactionCanceledException e) {
            return cancelled(e);
        }
    }

    /** Cancellation reasons that pass if the same transaction runs again a moment later. */
    static final Set<String> RETRYABLE_CANCELLATIONS = Set.of("TransactionConflict", "ThrottlingError",
            "ProvisionedThroughputExceeded", "RequestLimitExceeded");
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    /**
     * What a cancelled transaction means, from DynamoDB's per-action reasons. A failed condition is someone
     * else's newer write; a conflict with another transaction or throttling is the moment's, and the same
     * transaction may run again. Any other reason (a validation error, an item too large, …) fails again on
     * every retry: it is a bug, thrown with the reasons so it is logged and answered 500, never passed off as
     * contention a client would retry forever.
     */
    static Write cancelled(TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons()
                ? e.cancellationReasons().stream().filter(r -> r.code() != null && !r.code().equals("None")).toList()
                : List.of();
        boolean understood = !reasons.isEmpty() && reasons.stream().map(CancellationReason::code)
                .allMatch(code -> code.equals(CONDITION_FAILED) || RETRYABLE_CANCELLATIONS.contains(code));
        if (!understood) {
            throw new IllegalStateException("DynamoDB cancelled the transaction for a reason no retry can fix: "
                    + (reasons.isEmpty() ? "no reason given" : reasons.stream()
                    .map(r -> r.code() + (r.message() == null ? "" : " (" + r.message() + ")")).toList()), e);
        }
        boolean conditionFailed = reasons.stream().map(CancellationReason::code).anyMatch(CONDITION_FAILED::equals);
        return conditionFailed ? new Write.ConditionFailed() : new Write.Contended();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(Keys.PK, s(pk));
        key.put(Keys.SK, s(sk));
        return key;
    }
}
