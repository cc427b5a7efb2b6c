package dev.roster.profile;

import dev.roster.core.PhotoStatus;
import dev.roster.core.http.ApiError;
import dev.roster.core.http.Caller;
import dev.roster.core.json.JsonFields;
import dev.roster.core.moderation.AuditEntry;
import dev.roster.core.moderation.Report;
import dev.roster.core.observe.Log;
import dev.roster.core.profile.FocalPoint;
import dev.roster.core.profile.Photo;
import dev.roster.core.profile.Profile;
import dev.roster.core.profile.ProfileId;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.table.Claims;
import dev.roster.core.table.ModerationTable;
import dev.roster.core.table.ProfileItems;
import dev.roster.core.table.ProfileTable;
import dev.roster.core.table.ProfileTable.Creation;
import dev.roster.core.table.ProfileTable.Write;
import dev.roster.profile.ProfileOutcome.Exported;
import dev.roster.profile.ProfileOutcome.FocalPointAccepted;
import dev.roster.profile.ProfileOutcome.Left;
import dev.roster.profile.ProfileOutcome.OwnProfile;
import dev.roster.profile.ProfileOutcome.PhotoRemoved;
import dev.roster.profile.ProfileOutcome.PublicProfile;
import dev.roster.profile.ProfileOutcome.Refused;
import dev.roster.profile.ProfileOutcome.Saved;
import dev.roster.profile.ProfileOutcome.UploadGranted;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A member's own profile and the public view of others'. The caller is always the JWT subject: the profile
 * a write touches is looked up from the subject's owner pointer, never taken from the request, so nobody
 * can name someone else's profile to change it.
 */
public final class ProfileService {
    /** Attempts at a write that lost a race it did not cause (an id collision, a concurrent thumbnail update). */
    private static final int MAX_ATTEMPTS = 3;

    static final long DEFAULT_MAX_UPLOAD_BYTES = 15L * 1024 * 1024;
    private static final Set<String> UPLOAD_FIELDS = Set.of("contentType", "contentLength", "focalPoint");

    private final ProfileTable table;
    private final Claims claims;
    private final ModerationTable moderation;
    private final PhotoUploads uploads;
    private final PhotoObjects photos;
    private final Clock clock;
    private final long maxUploadBytes;
    private final Supplier<String> newProfileId;

    ProfileService(
            ProfileTable table,
            Claims claims,
            ModerationTable moderation,
            PhotoUploads uploads,
            PhotoObjects photos,
            Clock clock,
            long maxUploadBytes,
            Supplier<String> newProfileId) {
        this.table = table;
        this.claims = claims;
        this.moderation = moderation;
        this.photos = photos;
        this.clock = clock;
        this.uploads = uploads;
        this.maxUploadBytes = maxUploadBytes;
        this.newProfileId = newProfileId;
    }

    ProfileOutcome publicProfile(String callerSub, String profileId) {
        ApiError notFound = ApiError.notFound("no visible profile with id '" + profileId + "'");
        if (!ProfileId.isWellFormed(profileId)) {
            return new Refused(notFound);
        }
        Optional<Profile> profile = table.readEventually(profileId);
        return profile.filter(p -> p.listed() || p.ownerSub().equals(callerSub))
                .<ProfileOutcome>map(PublicProfile::new)
                .orElse(new Refused(notFound));
    }

    /**
     * The profile the caller owns. A caller who owns none but whose token carries a verified e-mail address
     * claims the unclaimed imported profile with that address, if exactly one has it: this is how a member
     * imported from a spreadsheet or a Slack export takes over their profile on their first request.
     */
    private Ownership owned(Caller caller) {
        Optional<String> owned = table.ownedProfileId(caller.sub());
        if (owned.isPresent()) {
            Log.profileId(owned.get());
            return new Ownership(owned, null);
        }
        if (caller.verifiedEmail().isEmpty()) {
            return new Ownership(Optional.empty(), null);
        }
        return switch (claims.claim(caller.sub(), caller.verifiedEmail().get())) {
            case Claims.Outcome.Claimed claimed -> {
                Log.profileId(claimed.profileId());
                Log.info("imported profile claimed");
                yield new Ownership(Optional.of(claimed.profileId()), null);
            }
            case Claims.Outcome.NothingToClaim nothing -> new Ownership(Optional.empty(), null);
            case Claims.Outcome.Ambiguous ambiguous ->
                new Ownership(
                        Optional.empty(),
                        new ApiError(
                                404,
                                "claim_ambiguous",
                                ambiguous.count()
                                        + " imported profiles carry your e-mail address, so none was given to you:"
                                        + " ask the community's admins to remove the duplicate, or create a new profile with PUT /me"));
        };
    }

    /** The caller's profile id, or why there is none ({@code whyNot} is null for "not yet"). */
    private record Ownership(Optional<String> profileId, ApiError whyNot) {
        ApiError refusal() {
            return whyNot == null ? noProfileYet() : whyNot;
        }
    }

    /** {@code GET /profiles/{id}/vcard}: the same profile, for the same callers, as a contact card. */
    ProfileOutcome contactCard(String callerSub, String profileId) {
        ProfileOutcome page = publicProfile(callerSub, profileId);
        return page instanceof PublicProfile visible ? new ProfileOutcome.ContactCard(visible.profile()) : page;
    }

    ProfileOutcome me(Caller caller) {
        Ownership ownership = owned(caller);
        return ownership
                .profileId()
                .flatMap(id -> {
                    Log.profileId(id);
                    return table.read(id);
                })
                .<ProfileOutcome>map(OwnProfile::new)
                .orElse(new Refused(ownership.refusal()));
    }

    /**
     * {@code DELETE /me}: erases the caller's profile with the ETag they confirmed: its items in one transaction,
     * then the reports they filed and the audit copies about them, then its photo objects. A call that finds an
     * erasure of theirs unfinished (a failure after the transaction) finishes it; once done, the caller is a
     * stranger and a further call is a 404.
     */
    ProfileOutcome leave(Caller caller, String ifMatch) {
        Optional<String> unfinished = table.erasureInProgress(caller.sub());
        if (unfinished.isPresent()) {
            Log.profileId(unfinished.get());
            finishErasure(unfinished.get(), caller.sub());
            return new Left();
        }
        Optional<String> owned = table.ownedProfileId(caller.sub());
        if (owned.isEmpty()) {
            return new Refused(ApiError.notFound("you have no profile, so there is nothing to delete"));
        }
        Log.profileId(owned.get());
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return new Refused(new ApiError(
                    428,
                    "precondition_required",
                    "deleting your profile is final: send If-Match"
                            + " with the ETag from GET /me, so you delete the profile you last saw"));
        }
        Optional<Profile> stored = table.read(owned.get());
        if (stored.isEmpty()) {
            return new Refused(ApiError.notFound("you have no profile, so there is nothing to delete"));
        }
        Profile current = stored.get();
        if (!current.etag().equals(normaliseEtag(ifMatch))) {
            return new Refused(stale(current));
        }
        return switch (table.erase(current, table.importIdOf(current.id()))) {
            case Write.Done done -> {
                finishErasure(current.id(), caller.sub());
                Log.info("profile erased");
                yield new Left();
            }
            case Write.ConditionFailed failed -> new Refused(stale(null));
            case Write.Contended contended -> new Refused(busy());
        };
    }

    private void finishErasure(String profileId, String sub) {
        table.eraseRecords(profileId, sub);
        photos.deleteAll(profileId);
        table.erasureFinished(sub);
    }

    /**
     * {@code GET /me/export}: everything stored about the caller: their profile as they see it (photo URLs
     * included), the reports they filed, and what admins did to their profile and why.
     */
    ProfileOutcome export(Caller caller) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exportedAt", clock.instant().toString());
        data.put("subject", caller.sub());
        Optional<Profile> profile = table.ownedProfileId(caller.sub()).flatMap(table::read);
        data.put("profile", profile.map(Profile::ownerJson).orElse(null));
        data.put(
                "reportsFiled",
                moderation.filedBy(caller.sub()).stream()
                        .map(Report::reporterJson)
                        .toList());
        data.put(
                "moderation",
                profile.map(p -> moderation.about(p.id()).stream()
                                .map(AuditEntry::memberJson)
                                .toList())
                        .orElse(List.of()));
        return new Exported(data);
    }

    /**
     * The crops (every format), the whole-photo preview and the original of the photo {@code profile} had
     * (nothing when it had none).
     */
    void deletePhotoObjects(Profile profile) {
        if (profile.photo() != null) {
            photos.deletePhoto(profile.id(), profile.photo());
        }
    }

    /** {@code PUT /me}: creates the caller's profile, or updates it if {@code ifMatch} names its current version. */
    ProfileOutcome save(Caller caller, ProfileInput input, String ifMatch) {
        String sub = caller.sub();
        Optional<String> owned = owned(caller).profileId();
        if (owned.isEmpty()) {
            return create(sub, input, ifMatch);
        }
        if (ifMatch == null || ifMatch.isBlank()) {
            // a create sent again (its first answer lost) finds the profile it made: answered as the create was
            Optional<Profile> same = table.read(owned.get()).filter(stored -> stored.isAsCreatedFrom(input));
            if (same.isPresent()) {
                return new Saved(same.get(), true);
            }
            return new Refused(new ApiError(
                    428,
                    "precondition_required",
                    "you already have a profile: send If-Match with the ETag from GET /me, so an edit made elsewhere"
                            + " meanwhile is not overwritten"));
        }
        Optional<Profile> stored = table.read(owned.get());
        if (stored.isEmpty()) {
            return new Refused(noProfileYet());
        }
        Profile current = stored.get();
        if (!ifMatches(ifMatch, current.etag())) {
            return new Refused(stale(current));
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            switch (table.update(current, input)) {
                case Write.Done done -> {
                    return new Saved(current.edited(input, ProfileItems.sortName(input.name()), done.version()), false);
                }
                case Write.ConditionFailed failed -> {
                    return new Refused(stale(null));
                }
                case Write.Contended contended -> backOff(attempt);
                // nothing was written: the same transaction, on the same version, may simply run again
            }
        }
        return new Refused(busy());
    }

    /**
     * Two members adding the same tag at the same moment touch the same count item; DynamoDB cancels one of
     * the transactions. A short, jittered pause lets the retry pass.
     */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(10L * (attempt + 1)
                    + java.util.concurrent.ThreadLocalRandom.current().nextInt(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ProfileOutcome create(String sub, ProfileInput input, String ifMatch) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            return new Refused(new ApiError(
                    412,
                    "precondition_failed",
                    "you have no profile yet, so If-Match cannot match: send PUT /me without If-Match to create it"));
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String id = newProfileId.get();
            switch (table.create(sub, id, input)) {
                case Creation.Created done -> {
                    Profile created =
                            Profile.created(id, sub, input, ProfileItems.sortName(input.name()), done.version());
                    return new Saved(created, true);
                }
                case Creation.AlreadyOwned owned -> {
                    return owned.existing()
                            .filter(stored -> stored.isAsCreatedFrom(input))
                            .<ProfileOutcome>map(stored -> new Saved(stored, true))
                            .orElse(new Refused(new ApiError(
                                    412,
                                    "precondition_failed",
                                    "your profile was created by another request meanwhile: GET /me and send your"
                                            + " change again with its ETag in If-Match")));
                }
                case Creation.IdTaken taken -> {
                    // the random id was another profile's: draw another
                }
                case Creation.Contended contended -> backOff(attempt);
            }
        }
        return new Refused(busy());
    }

    /** {@code POST /me/photo}: checks what the member means to upload and hands out a presigned PUT for it. */
    ProfileOutcome requestUpload(Caller caller, Map<String, Object> body) {
        String sub = caller.sub();
        JsonFields fields = new JsonFields(body, UPLOAD_FIELDS);
        String contentType = fields.string("contentType");
        Long contentLength = fields.wholeNumber("contentLength");
        Optional<FocalPoint> focalPoint = body.get("focalPoint") == null
                ? Optional.empty()
                : Optional.of(FocalPoint.fromJson("focalPoint", body.get("focalPoint")));
        if (contentType == null || contentLength == null) {
            return new Refused(ApiError.badRequest(
                    "invalid_upload",
                    "send both contentType (e.g. \"image/jpeg\") and contentLength (the file size in bytes)"));
        }
        String type = contentType.strip().toLowerCase(Locale.ROOT);
        if (!PhotoUploads.ACCEPTED_TYPES.contains(type)) {
            return new Refused(new ApiError(
                    415,
                    "unsupported_media_type",
                    "contentType '" + contentType + "' is not accepted; upload one of "
                            + String.join(", ", PhotoUploads.ACCEPTED_TYPES)));
        }
        if (contentLength <= 0) {
            return new Refused(
                    ApiError.badRequest("invalid_upload", "contentLength must be the file size in bytes, above 0"));
        }
        if (contentLength > maxUploadBytes) {
            return new Refused(new ApiError(
                    413,
                    "upload_too_large",
                    "the photo is " + contentLength
                            + " bytes; the limit is " + maxUploadBytes + " bytes (" + maxUploadBytes / (1024 * 1024)
                            + " MiB): send a smaller file"));
        }
        Optional<String> owned = owned(caller).profileId();
        if (owned.isEmpty()) {
            return new Refused(noProfileYet());
        }
        String uploadId = ProfileId.newUploadId();
        return switch (table.requestPhoto(owned.get(), sub, uploadId, focalPoint)) {
            case Write.Done done ->
                new UploadGranted(uploads.presign(owned.get(), uploadId, type, contentLength), done.version());
            case Write.ConditionFailed failed -> new Refused(noProfileYet());
            case Write.Contended contended -> new Refused(busy());
        };
    }

    /**
     * {@code PUT /me/photo/focal-point}: the crops of the current photo are cut again around a new focal
     * point. The kept original goes through the pipeline once more as a new upload; the current photo stays
     * on the cards until the new crops are ready (content-addressed, so they get new URLs).
     */
    ProfileOutcome changeFocalPoint(Caller caller, Map<String, Object> body) {
        String sub = caller.sub();
        FocalPoint point = FocalPoint.fromJson(null, body);
        Optional<String> owned = owned(caller).profileId();
        if (owned.isEmpty()) {
            return new Refused(noProfileYet());
        }
        Optional<String> photoUploadId =
                table.read(owned.get()).map(Profile::photo).map(Photo::uploadId);
        if (photoUploadId.isEmpty()) {
            return new Refused(
                    new ApiError(
                            409,
                            "no_photo",
                            "you have no photo to set a focal point on yet: upload one with POST /me/photo (it takes a focalPoint too)"));
        }
        String uploadId = ProfileId.newUploadId();
        return switch (table.requestPhoto(owned.get(), sub, uploadId, Optional.of(point))) {
            case Write.Done done -> {
                if (uploads.uploadOriginalAgain(owned.get(), photoUploadId.get(), uploadId)) {
                    yield new FocalPointAccepted(uploadId, point, done.version());
                }
                table.abandonUpload(owned.get(), uploadId);
                yield new Refused(new ApiError(
                        409,
                        "original_gone",
                        "the original of your photo is no longer kept,"
                                + " so it cannot be cropped again: upload the photo again with POST /me/photo"));
            }
            case Write.ConditionFailed failed -> new Refused(noProfileYet());
            case Write.Contended contended -> new Refused(busy());
        };
    }

    /** {@code DELETE /me/photo}: no photo afterwards (idempotent), and no upload still in flight can bring one back. */
    ProfileOutcome deletePhoto(Caller caller) {
        Optional<String> owned = owned(caller).profileId();
        if (owned.isEmpty()) {
            return new Refused(noProfileYet());
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Profile> stored = table.read(owned.get());
            if (stored.isEmpty()) {
                return new Refused(noProfileYet());
            }
            Profile current = stored.get();
            if (current.photo() == null
                    && current.photoStatus() == PhotoStatus.NONE
                    && current.pendingUploadId() == null) {
                return new PhotoRemoved();
            }
            if (table.removePhoto(current) instanceof Write.Done) {
                deletePhotoObjects(current);
                return new PhotoRemoved();
            }
            // the thumbnail function (or another request) wrote in between: read again and retry
        }
        return new Refused(busy());
    }

    /**
     * RFC 9110's If-Match: {@code *} matches any current version, a list matches when one of its entity tags is
     * the current one. (A caller without a profile has no current version: any If-Match fails, see create.)
     */
    static boolean ifMatches(String header, String currentEtag) {
        for (String tag : header.split(",")) {
            if (tag.isBlank()) {
                continue;
            }
            if (tag.strip().equals("*") || normaliseEtag(tag).equals(currentEtag)) {
                return true;
            }
        }
        return false;
    }

    /** ETags are compared strongly; a weak prefix or missing quotes from a hand-written header are forgiven. */
    static String normaliseEtag(String header) {
        String tag = header.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        return tag.startsWith("\"") ? tag : "\"" + tag + "\"";
    }

    static ApiError stale(Profile current) {
        return new ApiError(
                412,
                "precondition_failed",
                "your profile changed since you read it"
                        + (current == null ? "" : " (it is now at ETag " + current.etag() + ")")
                        + ": GET /me, apply your change to what it returns, and send it with the new ETag in If-Match");
    }

    static ApiError busy() {
        return new ApiError(
                409, "conflict", "another change to the same items was in progress; send the request again");
    }

    private static ApiError noProfileYet() {
        return ApiError.notFound("you have no profile yet: create it with PUT /me");
    }
}
