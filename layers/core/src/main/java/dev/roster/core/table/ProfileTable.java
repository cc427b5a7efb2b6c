package dev.roster.core.table;

import static dev.roster.core.table.ItemAttributes.COUNT;
import static dev.roster.core.table.ItemAttributes.IMPORT_ID;
import static dev.roster.core.table.ItemAttributes.IMPORT_PHOTO_SOURCE;
import static dev.roster.core.table.ItemAttributes.OWNED_PROFILE_ID;
import static dev.roster.core.table.ItemAttributes.OWNER_SUB;
import static dev.roster.core.table.ItemAttributes.PENDING_FOCAL_POINT;
import static dev.roster.core.table.ItemAttributes.PENDING_UPLOAD_ID;
import static dev.roster.core.table.ItemAttributes.PHOTO;
import static dev.roster.core.table.ItemAttributes.PHOTO_REJECTION;
import static dev.roster.core.table.ItemAttributes.PHOTO_STATUS;
import static dev.roster.core.table.ItemAttributes.PROFILE_ID;
import static dev.roster.core.table.ItemAttributes.SEARCH_KEYS;
import static dev.roster.core.table.ItemAttributes.VERSION;
import static dev.roster.core.table.ProfileItems.n;
import static dev.roster.core.table.ProfileItems.s;

import dev.roster.core.PhotoStatus;
import dev.roster.core.moderation.AuditEntry;
import dev.roster.core.moderation.Hidden;
import dev.roster.core.profile.FocalPoint;
import dev.roster.core.profile.Photo;
import dev.roster.core.profile.Profile;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.profile.SearchPhrases;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The profile side of the table, spoken in the domain: owner and import pointers, profile items, and the
 * items derived from a visible profile (its tag items and the tag counts). Every change to what a card shows
 * is one {@code TransactWriteItems} built by {@link #cardChange}, conditioned on the profile's
 * {@code version} (and on whatever else the intent needs), so a stale or foreign write changes nothing.
 * Callers never see an item map, an expression or a placeholder.
 */
public final class ProfileTable {
    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String community;
    private final ModerationTable moderation;

    public ProfileTable(DynamoDbClient dynamoDb, String tableName, String community) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.community = community;
        this.moderation = new ModerationTable(dynamoDb, tableName, community);
    }

    /** What a conditional write came to. */
    public sealed interface Write {
        /** Written; the profile is now at {@code version} (-1 when the write does not say). */
        record Done(long version) implements Write {}

        /** A condition failed: someone else wrote first (or the item is not what the caller thinks). */
        record ConditionFailed() implements Write {}

        /** Another transaction touched one of the same items at the same moment, or DynamoDB throttled; nothing was written. */
        record Contended() implements Write {}
    }

    /** What a member's {@link #create} came to. */
    public sealed interface Creation {
        /** The owner pointer and the profile are written, at version 1. */
        record Created(long version) implements Creation {}

        /**
         * The subject already owns a profile: {@code existing} as stored (empty if it was erased in between).
         * When a create's answer was lost and its retry finds its own write, this is that write.
         */
        record AlreadyOwned(Optional<Profile> existing) implements Creation {}

        /** The drawn profile id is another profile's; nothing was written. */
        record IdTaken() implements Creation {}

        /** As {@link Write.Contended}: nothing was written, the same create may run again. */
        record Contended() implements Creation {}
    }

    // ---- reads

    public Optional<String> ownedProfileId(String sub) {
        return get(Keys.ownerPk(community, sub), Keys.OWNER_SK, true)
                .map(item -> item.get(OWNED_PROFILE_ID).s());
    }

    /** The profile as last written (strongly consistent): what a write is based on. */
    public Optional<Profile> read(String profileId) {
        return get(Keys.profilePk(community, profileId), Keys.PROFILE_SK, true).map(ProfileItems::profile);
    }

    /** The profile, possibly a moment old (half the read cost): for showing, never for writing. */
    public Optional<Profile> readEventually(String profileId) {
        return get(Keys.profilePk(community, profileId), Keys.PROFILE_SK, false).map(ProfileItems::profile);
    }

    /** The profile an import id made, if any. */
    public Optional<String> importedProfileId(String importId) {
        return get(Keys.importPk(community, importId), Keys.IMPORT_SK, true)
                .map(item -> item.get(OWNED_PROFILE_ID).s());
    }

    private Optional<Map<String, AttributeValue>> get(String pk, String sk, boolean consistent) {
        Map<String, AttributeValue> item = dynamoDb.getItem(
                        b -> b.tableName(tableName).consistentRead(consistent).key(key(pk, sk)))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    // ---- profile fields

    /**
     * Creates the owner pointer and the profile together; fails if the subject already owns one, and then says
     * which profile that is. Both puts ask for the item that stopped them ({@code ALL_OLD}), so a refused create
     * costs no read when the stored profile is the one this create drew (its own earlier attempt, landed though
     * its answer was lost) and one read when the subject owns another.
     */
    public Creation create(String sub, String profileId, ProfileInput input) {
        List<TransactWriteItem> actions =
                creation(Keys.ownerPk(community, sub), Keys.OWNER_SK, OWNER_SUB, sub, profileId, input);
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(actions));
            return new Creation.Created(1);
        } catch (TransactionCanceledException e) {
            if (cancelled(e) instanceof Write.Contended) {
                return new Creation.Contended();
            }
            CancellationReason pointer = e.cancellationReasons().get(0);
            if (!CONDITION_FAILED.equals(pointer.code())) {
                return new Creation.IdTaken();
            }
            Optional<String> ownedId = pointer.hasItem()
                    ? Optional.of(pointer.item().get(OWNED_PROFILE_ID).s())
                    : ownedProfileId(sub);
            CancellationReason profile = e.cancellationReasons().get(1);
            boolean ownProfileReturned = ownedId.filter(profileId::equals).isPresent()
                    && CONDITION_FAILED.equals(profile.code())
                    && profile.hasItem();
            return new Creation.AlreadyOwned(
                    ownProfileReturned
                            ? Optional.of(ProfileItems.profile(profile.item()))
                            : ownedId.flatMap(this::read));
        }
    }

    /**
     * Creates a profile brought in by a bulk import together with its import pointer ({@link Keys#importPk}),
     * so the same import id can never make a second profile. It has no owner until its member claims it.
     */
    public Write createImported(String importId, String profileId, ProfileInput input) {
        return transact(
                creation(Keys.importPk(community, importId), Keys.IMPORT_SK, IMPORT_ID, importId, profileId, input), 1);
    }

    /**
     * The pointer item (owner or import) and the profile, put in one transaction that fails if either exists:
     * the pointer first, the profile second.
     */
    private List<TransactWriteItem> creation(
            String pointerPk,
            String pointerSk,
            String origin,
            String originValue,
            String profileId,
            ProfileInput input) {
        Map<String, AttributeValue> pointer = key(pointerPk, pointerSk);
        pointer.put(OWNED_PROFILE_ID, s(profileId));
        String sortName = ProfileItems.sortName(input.name());
        Map<String, AttributeValue> profile = key(Keys.profilePk(community, profileId), Keys.PROFILE_SK);
        profile.putAll(ProfileItems.editableFields(community, profileId, input, sortName, 1));
        profile.put(origin, s(originValue));
        profile.put(PHOTO_STATUS, s(PhotoStatus.NONE.name()));
        List<TransactWriteItem> derived = new ArrayList<>();
        profile.put(
                SEARCH_KEYS,
                SearchIndex.keysValue(
                        cardChange(derived, Optional.empty(), listing(profileId, input, sortName, null), List.of())));
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(putNew(pointer));
        actions.add(putNew(profile));
        actions.addAll(derived);
        return actions;
    }

    /**
     * Rewrites the editable fields of {@code current} (read at {@code current.version()}, owned by its
     * {@code ownerSub}) and moves its tag items and counts to match. Its owner saved it: a claimed import's
     * review is done.
     */
    public Write update(Profile current, ProfileInput input) {
        return update(current, input, false);
    }

    /**
     * The same rewrite for a re-run of an import: conditioned on the version read and on the profile still
     * having no owner, so an import never overwrites what a member has made their own.
     */
    public Write updateUnclaimed(Profile current, ProfileInput input) {
        return update(current, input, true);
    }

    private Write update(Profile current, ProfileInput input, boolean unclaimed) {
        String newSort = ProfileItems.sortName(input.name());
        long next = current.version() + 1;
        Map<String, AttributeValue> fields = ProfileItems.editableFields(community, current.id(), input, newSort, next);
        boolean hidden = current.hiddenByAdmin() != null;
        if (hidden) {
            // the owner's choice is stored as made; an admin's hiding keeps the profile out of every list meanwhile
            ProfileItems.DIRECTORY_KEYS.forEach(fields::remove);
        }
        ItemUpdate profile = profileUpdate(current.id()).setAll(fields).whenVersion(current.version());
        if (!input.visible() || hidden) {
            profile.remove(ProfileItems.DIRECTORY_KEYS.toArray(String[]::new));
        }
        if (unclaimed) {
            profile.when(profile.absent(OWNER_SUB));
        } else {
            profile.whenEquals(OWNER_SUB, s(current.ownerSub()));
            if (current.claimUnreviewed()) {
                // the owner's first save of a claimed import: what it says is theirs now
                profile.remove(ItemAttributes.CLAIM_REVIEW_PENDING);
            }
        }
        return transact(
                profile, current, listing(current), listing(current, input, newSort, current.photo()), List.of(), next);
    }

    // ---- the photo

    /**
     * Records the upload the member was handed a URL for (or that re-crops the photo), and the focal point
     * to crop it around, if any; only that upload may change the photo later. The current photo stays until
     * the new crops are ready.
     */
    public Write requestPhoto(String profileId, String ownerSub, String uploadId, Optional<FocalPoint> focalPoint) {
        ItemUpdate update = profileUpdate(profileId)
                .set(PENDING_UPLOAD_ID, s(uploadId))
                .set(PHOTO_STATUS, s(PhotoStatus.PENDING.name()))
                .remove(PHOTO_REJECTION)
                .add(VERSION, 1)
                .whenEquals(OWNER_SUB, s(ownerSub));
        focalPoint.ifPresentOrElse(
                point -> update.set(PENDING_FOCAL_POINT, ProfileItems.focalPointValue(point)),
                () -> update.remove(PENDING_FOCAL_POINT));
        return updateReturningVersion(update);
    }

    /**
     * Forgets a pending re-crop whose original turned out to be gone: the photo it would have replaced is
     * still there and READY. Does nothing if another upload was requested meanwhile.
     */
    public void abandonUpload(String profileId, String uploadId) {
        updateItem(profileUpdate(profileId)
                .set(PHOTO_STATUS, s(PhotoStatus.READY.name()))
                .remove(PENDING_UPLOAD_ID, PENDING_FOCAL_POINT)
                .add(VERSION, 1)
                .whenEquals(PENDING_UPLOAD_ID, s(uploadId)));
        // a condition failure means a newer upload took its place: nothing to undo
    }

    /**
     * Makes {@code uploadId} the upload an imported profile waits for, its photo being copied from the
     * import's {@code sourceKey}: only while nobody has claimed the profile and only once per source (unless
     * this very upload is still pending: a retry whose copy failed), so a re-run of the import does not queue
     * the same photo again.
     */
    public Write queueImportedPhoto(String profileId, String uploadId, String sourceKey) {
        ItemUpdate update = profileUpdate(profileId).set(IMPORT_PHOTO_SOURCE, s(sourceKey));
        update.when(update.absent(OWNER_SUB))
                .when(update.absent(IMPORT_PHOTO_SOURCE) + " OR " + update.name(IMPORT_PHOTO_SOURCE) + " <> "
                        + update.value(s(sourceKey)) + " OR " + update.name(PENDING_UPLOAD_ID) + " = "
                        + update.value(s(uploadId)));
        return queuePhoto(update, uploadId);
    }

    /**
     * Makes {@code uploadId} the upload a profile waits for, to re-crop the photo of {@code originalUploadId}
     * (around the member's {@code focalPoint}, if they chose one): only while that photo is still the
     * profile's and no other upload is pending, so a member's own upload in between wins.
     */
    public Write queueReprocess(
            String profileId, String uploadId, String originalUploadId, Optional<FocalPoint> focalPoint) {
        ItemUpdate update = profileUpdate(profileId);
        focalPoint.ifPresent(point -> update.set(PENDING_FOCAL_POINT, ProfileItems.focalPointValue(point)));
        update.when(update.absent(PENDING_UPLOAD_ID) + " OR " + update.name(PENDING_UPLOAD_ID) + " = "
                        + update.value(s(uploadId)))
                .whenEquals(PHOTO + "." + ItemAttributes.PhotoAttributes.UPLOAD_ID, s(originalUploadId));
        return queuePhoto(update, uploadId);
    }

    /**
     * An ops job (import, reprocess) makes {@code uploadId} the upload the profile waits for before its object
     * is put under {@code uploads/}: the same field {@code POST /me/photo} sets, so the thumbnail function
     * treats it like any upload.
     */
    private Write queuePhoto(ItemUpdate update, String uploadId) {
        return updateReturningVersion(
                update.set(PENDING_UPLOAD_ID, s(uploadId)).add(VERSION, 1).whenExists(Keys.PK));
    }

    /** Undoes a queued photo when its object could not be put under {@code uploads/} (only if still waiting for it). */
    public Write unqueuePhoto(String profileId, String uploadId) {
        return updateItem(profileUpdate(profileId)
                .remove(PENDING_UPLOAD_ID, PENDING_FOCAL_POINT)
                .add(VERSION, 1)
                .whenEquals(PENDING_UPLOAD_ID, s(uploadId)));
    }

    /**
     * The crops of {@code uploadId} become the profile's photo, on the profile item (status READY, pending
     * upload and rejection removed) and on each of its tag items; conditioned on the profile still waiting
     * for that upload and on the version read, so the set of tag items written is the one it has.
     */
    public Write replacePhoto(Profile current, String uploadId, Photo photo) {
        long next = current.version() + 1;
        ItemUpdate profile = profileUpdate(current.id())
                .set(PHOTO, ProfileItems.photoValue(photo))
                .set(PHOTO_STATUS, s(PhotoStatus.READY.name()))
                .set(VERSION, n(next))
                .remove(PENDING_UPLOAD_ID, PENDING_FOCAL_POINT, PHOTO_REJECTION)
                .whenEquals(PENDING_UPLOAD_ID, s(uploadId))
                .whenVersion(current.version());
        return transact(
                profile,
                current,
                listing(current),
                listing(current, current.input(), current.sortName(), photo),
                List.of(),
                next);
    }

    /**
     * Marks the pending upload REJECTED with a reason the member can read; the previous photo (if any)
     * stays on the card. Only the profile item changes: tag items hold no photo status.
     */
    public Write rejectPhoto(String profileId, String uploadId, String reason) {
        return updateItem(profileUpdate(profileId)
                .set(PHOTO_STATUS, s(PhotoStatus.REJECTED.name()))
                .set(PHOTO_REJECTION, s(reason))
                .remove(PENDING_UPLOAD_ID, PENDING_FOCAL_POINT)
                .add(VERSION, 1)
                .whenEquals(PENDING_UPLOAD_ID, s(uploadId)));
    }

    /**
     * Drops the photo from the profile and its tag items (cards fall back to the avatar) and forgets any
     * pending upload, so an upload still in flight cannot bring the photo back.
     */
    public Write removePhoto(Profile current) {
        return removePhoto(current, Optional.empty());
    }

    /** An admin removes the photo of someone's profile: {@link #removePhoto} without the owner's condition, audited. */
    public Write removePhotoAsAdmin(Profile current, AuditEntry entry) {
        return removePhoto(current, Optional.of(entry));
    }

    private Write removePhoto(Profile current, Optional<AuditEntry> byAdmin) {
        long next = current.version() + 1;
        ItemUpdate profile = profileUpdate(current.id())
                .set(PHOTO_STATUS, s(PhotoStatus.NONE.name()))
                .set(VERSION, n(next))
                .remove(PHOTO, PENDING_UPLOAD_ID, PENDING_FOCAL_POINT, PHOTO_REJECTION)
                .whenVersion(current.version());
        if (byAdmin.isEmpty()) {
            profile.whenEquals(OWNER_SUB, s(current.ownerSub()));
        }
        return transact(
                profile,
                current,
                listing(current),
                listing(current, current.input(), current.sortName(), null),
                byAdmin.map(moderation::auditPuts).orElse(List.of()),
                next);
    }

    // ---- moderation and erasure

    /**
     * An admin hides the profile: it leaves the directory, its tag items and counts (whatever its owner saves
     * later, until {@link #restore}), with the audit entry in the same transaction; conditioned on the version
     * read and on it not being hidden already.
     */
    public Write hide(Profile current, AuditEntry entry) {
        long next = current.version() + 1;
        ItemUpdate profile = profileUpdate(current.id())
                .set(ItemAttributes.HIDDEN_BY_ADMIN, ProfileItems.hiddenValue(new Hidden(entry.at(), entry.reason())))
                .set(VERSION, n(next))
                .remove(ProfileItems.DIRECTORY_KEYS.toArray(String[]::new))
                .whenVersion(current.version());
        profile.when(profile.absent(ItemAttributes.HIDDEN_BY_ADMIN));
        return transact(profile, current, listing(current), Optional.empty(), moderation.auditPuts(entry), next);
    }

    /**
     * An admin restores a hidden profile: listed again if its owner wants it visible (directory keys, tag
     * items, counts), with the audit entry in the same transaction.
     */
    public Write restore(Profile current, AuditEntry entry) {
        long next = current.version() + 1;
        ItemUpdate profile = profileUpdate(current.id())
                .set(VERSION, n(next))
                .remove(ItemAttributes.HIDDEN_BY_ADMIN)
                .whenVersion(current.version())
                .whenExists(ItemAttributes.HIDDEN_BY_ADMIN);
        if (current.visible()) {
            profile.set(Keys.GSI1PK, s(Keys.directoryPk(community)))
                    .set(Keys.GSI1SK, s(Keys.nameSortKey(current.sortName(), current.id())));
        }
        return transact(
                profile,
                current,
                Optional.empty(),
                listing(current.id(), current.input(), current.sortName(), current.photo()),
                moderation.auditPuts(entry),
                next);
    }

    /** A member's erasure under way: the profile's items are gone, its objects and records may not be yet. */
    public Optional<String> erasureInProgress(String sub) {
        return get(Keys.ownerPk(community, sub), Keys.ERASING_SK, true)
                .map(item -> item.get(OWNED_PROFILE_ID).s());
    }

    /**
     * {@code DELETE /me}: every item of the profile goes in one transaction (the profile, on the version the
     * member confirmed; the owner pointer; its tag items and counts; its import pointer). The owner pointer is
     * replaced by an erasure marker ({@link Keys#ERASING_SK}) naming the profile, so that a failure while its
     * objects and records are deleted afterwards is finished by the member's next call; then
     * {@link #erasureFinished} removes the marker.
     */
    public Write erase(Profile current, Optional<String> importId) {
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(TransactWriteItem.builder()
                .delete(d -> d.tableName(tableName)
                        .key(key(Keys.profilePk(community, current.id()), Keys.PROFILE_SK))
                        .conditionExpression("#version = :expected AND #owner = :owner")
                        .expressionAttributeNames(Map.of("#version", VERSION, "#owner", OWNER_SUB))
                        .expressionAttributeValues(
                                Map.of(":expected", n(current.version()), ":owner", s(current.ownerSub()))))
                .build());
        actions.add(TransactWriteItem.builder()
                .delete(d ->
                        d.tableName(tableName).key(key(Keys.ownerPk(community, current.ownerSub()), Keys.OWNER_SK)))
                .build());
        Map<String, AttributeValue> marker = key(Keys.ownerPk(community, current.ownerSub()), Keys.ERASING_SK);
        marker.put(OWNED_PROFILE_ID, s(current.id()));
        actions.add(TransactWriteItem.builder()
                .put(p -> p.tableName(tableName).item(marker))
                .build());
        cardChange(actions, listing(current), Optional.empty(), current.searchKeys());
        importId.filter(id -> !id.isEmpty())
                .ifPresent(id -> actions.add(TransactWriteItem.builder()
                        .delete(d -> d.tableName(tableName).key(key(Keys.importPk(community, id), Keys.IMPORT_SK)))
                        .build()));
        return transact(actions, 0);
    }

    /** The import id a profile was made from, if an import made it (its pointer goes with the profile). */
    public Optional<String> importIdOf(String profileId) {
        return get(Keys.profilePk(community, profileId), Keys.PROFILE_SK, true)
                .map(item -> item.get(IMPORT_ID))
                .map(AttributeValue::s)
                .filter(id -> !id.isEmpty());
    }

    /** Deletes what else the member left: reports they filed, audit copies about them, open reports about them. */
    public void eraseRecords(String profileId, String sub) {
        List<Map<String, AttributeValue>> keys = moderation.memberRecordKeys(profileId, sub);
        for (int from = 0; from < keys.size(); from += 25) {
            List<WriteRequest> batch = keys.subList(from, Math.min(keys.size(), from + 25)).stream()
                    .map(k ->
                            WriteRequest.builder().deleteRequest(d -> d.key(k)).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(tableName, batch);
            for (int attempt = 0; !pending.isEmpty() && attempt < 5; attempt++) {
                Map<String, List<WriteRequest>> request = pending;
                pending = dynamoDb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
            if (!pending.isEmpty()) {
                throw new IllegalStateException(
                        "DynamoDB left " + pending.get(tableName).size()
                                + " deletes unprocessed; the erasure resumes on the next DELETE /me");
            }
        }
    }

    /** The erasure is complete: the marker goes, and the member is a stranger to the table. */
    public void erasureFinished(String sub) {
        dynamoDb.deleteItem(b -> b.tableName(tableName).key(key(Keys.ownerPk(community, sub), Keys.ERASING_SK)));
    }

    // ---- the search index

    /** The search index keys {@code profile}'s fields give today (none while it is not listed). */
    public List<String> searchKeysOf(Profile profile) {
        return searchChange(List.of(), listing(profile)).keys();
    }

    /**
     * Rewrites {@code current}'s search index (read at {@code current.version()}) to what its fields give
     * today: the items it lists deleted, its phrases' items written, the new keys listed. The version is
     * bumped, so a write that read the profile before (and would delete the keys it listed then) fails and is
     * retried on what this wrote.
     */
    public Write reindex(Profile current) {
        long next = current.version() + 1;
        SearchIndex.Change change = searchChange(current.searchKeys(), listing(current));
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(profileUpdate(current.id())
                .set(VERSION, n(next))
                .set(SEARCH_KEYS, SearchIndex.keysValue(change.keys()))
                .whenVersion(current.version())
                .transactItem(tableName));
        actions.addAll(change.actions());
        return transact(actions, next);
    }

    /** A page of a {@code Scan} of every profile item of this community, whole (for the reindex job). */
    public ScanPage allProfiles(Optional<Position> after, int pageItems) {
        ScanResponse page = dynamoDb.scan(b -> b.tableName(tableName)
                .limit(pageItems)
                .exclusiveStartKey(after.map(p -> key(p.pk(), p.sk())).orElse(null))
                .filterExpression("#sk = :profile AND begins_with(#pk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                .expressionAttributeValues(
                        Map.of(":profile", s(Keys.PROFILE_SK), ":prefix", s(Keys.profilePk(community, "")))));
        return scanPage(page);
    }

    // ---- the reprocess job's scan

    /** A place in the table a scan can start after (ops hand it back as a cursor). */
    public record Position(String pk, String sk) {}

    /** One page of a scan: the profiles it matched, how many items it read, and where the next page starts (null: done). */
    public record ScanPage(List<Profile> profiles, int scannedItems, Position next) {}

    /** Where {@code profileId}'s item sits, to resume a scan just after it. */
    public Position positionOf(String profileId) {
        return new Position(Keys.profilePk(community, profileId), Keys.PROFILE_SK);
    }

    /**
     * A page of this community's profiles whose photo was made to a crop spec older than {@code specVersion}
     * (or lacks a crop): a paged, filtered {@code Scan} of at most {@code pageItems} items read, for a job ops
     * run by hand. Each profile carries its pending upload and photo, nothing else.
     */
    public ScanPage photosOlderThan(int specVersion, Optional<Position> after, int pageItems) {
        Map<String, String> names = new HashMap<>(Map.of(
                "#pk",
                Keys.PK,
                "#sk",
                Keys.SK,
                "#photo",
                PHOTO,
                "#uploadId",
                ItemAttributes.PhotoAttributes.UPLOAD_ID,
                "#spec",
                ItemAttributes.PhotoAttributes.SPEC_VERSION,
                "#id",
                PROFILE_ID,
                "#pending",
                PENDING_UPLOAD_ID));
        StringBuilder missingCrop = new StringBuilder();
        List<String> crops = List.of(
                ItemAttributes.PhotoAttributes.THUMB_1X,
                ItemAttributes.PhotoAttributes.THUMB_2X,
                ItemAttributes.PhotoAttributes.DETAIL_1X,
                ItemAttributes.PhotoAttributes.DETAIL_2X);
        for (int i = 0; i < crops.size(); i++) {
            names.put("#c" + i, crops.get(i));
            missingCrop.append(" OR attribute_not_exists(#photo.#c").append(i).append(")");
        }
        String filter = "#sk = :profile AND begins_with(#pk, :prefix) AND attribute_exists(#photo.#uploadId)"
                + " AND (attribute_not_exists(#photo.#spec) OR #photo.#spec < :version" + missingCrop + ")";
        ScanResponse page = dynamoDb.scan(b -> b.tableName(tableName)
                .limit(pageItems)
                .exclusiveStartKey(after.map(p -> key(p.pk(), p.sk())).orElse(null))
                .filterExpression(filter)
                .projectionExpression("#pk, #sk, #id, #pending, #photo")
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(
                        ":profile", s(Keys.PROFILE_SK),
                        ":prefix", s(Keys.profilePk(community, "")),
                        ":version", n(specVersion))));
        return scanPage(page);
    }

    private static ScanPage scanPage(ScanResponse page) {
        Position next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? new Position(
                        page.lastEvaluatedKey().get(Keys.PK).s(),
                        page.lastEvaluatedKey().get(Keys.SK).s())
                : null;
        return new ScanPage(page.items().stream().map(ProfileItems::profile).toList(), page.scannedCount(), next);
    }

    // ---- the items derived from a profile, written in the profile's transaction

    /**
     * A visible profile's place in the directory: what its derived items are made of. A hidden profile has
     * none, so it is in no list.
     */
    private record Listing(
            String profileId,
            String sortName,
            Set<String> tags,
            Map<String, AttributeValue> card,
            SearchPhrases phrases) {}

    private static Optional<Listing> listing(Profile profile) {
        return profile.hiddenByAdmin() != null
                ? Optional.empty()
                : listing(profile.id(), profile.input(), profile.sortName(), profile.photo());
    }

    /** What {@code current} will be listed as once written with {@code input}: nothing while an admin keeps it hidden. */
    private static Optional<Listing> listing(Profile current, ProfileInput input, String sortName, Photo photo) {
        return current.hiddenByAdmin() != null ? Optional.empty() : listing(current.id(), input, sortName, photo);
    }

    private static Optional<Listing> listing(String profileId, ProfileInput input, String sortName, Photo photo) {
        if (!input.visible()) {
            return Optional.empty();
        }
        // distinct: two actions on one tag item would fail the whole transaction
        return Optional.of(new Listing(
                profileId,
                sortName,
                new LinkedHashSet<>(input.tags()),
                ProfileItems.cardAttributes(profileId, input, photo == null ? null : ProfileItems.photoValue(photo)),
                SearchPhrases.of(input.name(), input.organisation(), input.location())));
    }

    /**
     * The one place where a change of what a profile shows reaches its derived items: tag items of tags
     * dropped, of a changed sort name or of a profile made hidden are deleted; those of a visible profile are
     * (re)written with the new card; the tag counts follow. Every item derived from a profile's card is added
     * to the transaction here.
     */
    private List<String> cardChange(
            List<TransactWriteItem> actions,
            Optional<Listing> before,
            Optional<Listing> after,
            List<String> searchKeys) {
        SearchIndex.Change search = searchChange(searchKeys, after);
        Set<String> oldTags = before.map(Listing::tags).orElse(Set.of());
        Set<String> newTags = after.map(Listing::tags).orElse(Set.of());
        boolean moved = before.isPresent()
                && after.isPresent()
                && !before.get().sortName().equals(after.get().sortName());
        before.ifPresent(old -> {
            for (String tag : old.tags()) {
                if (!newTags.contains(tag) || moved) {
                    actions.add(TransactWriteItem.builder()
                            .delete(d -> d.tableName(tableName)
                                    .key(key(
                                            Keys.tagPk(community, tag),
                                            Keys.nameSortKey(old.sortName(), old.profileId()))))
                            .build());
                }
            }
        });
        after.ifPresent(listing -> {
            for (String tag : listing.tags()) {
                Map<String, AttributeValue> item =
                        key(Keys.tagPk(community, tag), Keys.nameSortKey(listing.sortName(), listing.profileId()));
                item.putAll(listing.card());
                actions.add(TransactWriteItem.builder()
                        .put(p -> p.tableName(tableName).item(item))
                        .build());
            }
        });
        for (String tag : newTags) {
            if (!oldTags.contains(tag)) {
                actions.add(countChange(tag, 1));
            }
        }
        for (String tag : oldTags) {
            if (!newTags.contains(tag)) {
                actions.add(countChange(tag, -1));
            }
        }
        actions.addAll(search.actions());
        return search.keys();
    }

    /** The search index items of {@code after} (none when not listed) in place of those listed in {@code stored}. */
    private SearchIndex.Change searchChange(List<String> stored, Optional<Listing> after) {
        List<Map<String, AttributeValue>> wanted = after.map(listing -> SearchIndex.items(
                        community, listing.profileId(), listing.sortName(), listing.phrases(), listing.card()))
                .orElse(List.of());
        return SearchIndex.change(tableName, community, stored, wanted);
    }

    /**
     * One transaction: the profile item's update (listing its search index keys from now on), the items derived
     * from its card moving from {@code before} to {@code after}, and {@code also} (audit entries).
     */
    private Write transact(
            ItemUpdate profile,
            Profile current,
            Optional<Listing> before,
            Optional<Listing> after,
            List<TransactWriteItem> also,
            long version) {
        List<TransactWriteItem> derived = new ArrayList<>();
        List<String> keys = cardChange(derived, before, after, current.searchKeys());
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(profile.set(SEARCH_KEYS, SearchIndex.keysValue(keys)).transactItem(tableName));
        actions.addAll(derived);
        actions.addAll(also);
        return transact(actions, version);
    }

    /** Visible profiles per tag: +1 for each tag a visible profile gains, -1 for each it loses. */
    private TransactWriteItem countChange(String tag, int delta) {
        return new ItemUpdate(key(Keys.tagCountsPk(community), tag))
                .add(COUNT, delta)
                .transactItem(tableName);
    }

    // ---- writing

    private ItemUpdate profileUpdate(String profileId) {
        return new ItemUpdate(key(Keys.profilePk(community, profileId), Keys.PROFILE_SK));
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName(tableName)
                        .item(item)
                        .conditionExpression("attribute_not_exists(" + Keys.PK + ")")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                .build();
    }

    private Write updateItem(ItemUpdate update) {
        try {
            dynamoDb.updateItem(update.request(tableName).build());
            return new Write.Done(-1);
        } catch (ConditionalCheckFailedException e) {
            return new Write.ConditionFailed();
        }
    }

    private Write updateReturningVersion(ItemUpdate update) {
        try {
            Map<String, AttributeValue> updated = dynamoDb.updateItem(update.request(tableName)
                            .returnValues(ReturnValue.UPDATED_NEW)
                            .build())
                    .attributes();
            return new Write.Done(Long.parseLong(updated.get(VERSION).n()));
        } catch (ConditionalCheckFailedException e) {
            return new Write.ConditionFailed();
        }
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
    static final Set<String> RETRYABLE_CANCELLATIONS =
            Set.of("TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded");

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    /**
     * What a cancelled transaction means, from DynamoDB's per-action reasons, decided here for every
     * transaction of the table. A failed condition is someone else's newer write; a conflict with another
     * transaction or throttling is the moment's, and the same transaction may run again. Any other reason (a
     * validation error, an item too large, …) fails again on every retry: it is a bug, thrown with the reasons
     * so it is logged and answered 500, never passed off as contention a client would retry forever.
     */
    static Write cancelled(TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons()
                ? e.cancellationReasons().stream()
                        .filter(r -> r.code() != null && !r.code().equals("None"))
                        .toList()
                : List.of();
        boolean understood = !reasons.isEmpty()
                && reasons.stream()
                        .map(CancellationReason::code)
                        .allMatch(code -> code.equals(CONDITION_FAILED) || RETRYABLE_CANCELLATIONS.contains(code));
        if (!understood) {
            throw new IllegalStateException(
                    "DynamoDB cancelled the transaction for a reason no retry can fix: "
                            + (reasons.isEmpty()
                                    ? "no reason given"
                                    : reasons.stream()
                                            .map(r -> r.code() + (r.message() == null ? "" : " (" + r.message() + ")"))
                                            .toList()),
                    e);
        }
        boolean conditionFailed = reasons.stream().map(CancellationReason::code).anyMatch(CONDITION_FAILED::equals);
        return conditionFailed ? new Write.ConditionFailed() : new Write.Contended();
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(Keys.PK, s(pk));
        key.put(Keys.SK, s(sk));
        return key;
    }
}
