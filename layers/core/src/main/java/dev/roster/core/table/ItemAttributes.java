package dev.roster.core.table;

import java.util.List;

/**
 * Attribute names of the table's items, shared by every function that reads or writes them.
 * <p>
 * Profile item ({@code C#c#P#<id>} / {@code PROFILE}): the card attributes plus {@link #OWNER_SUB},
 * {@link #EMAIL}, {@link #WEBSITE}, {@link #BIO}, the contact details ({@link #CONTACT_EMAIL},
 * {@link #CONTACT_PHONE}, {@link #SHOW_CONTACT}; never on tag items or in GSI1), {@link #VISIBLE},
 * {@link #SORT_NAME}, {@link #VERSION}
 * and the photo state ({@link #PHOTO_STATUS}, {@link #PHOTO_REJECTION}, {@link #PENDING_UPLOAD_ID}).
 * Tag items carry a copy of the card attributes only. GSI1 projects exactly {@link #CARD} (template.yaml,
 * {@code NonKeyAttributes}; a test keeps the two equal).
 */
public final class ItemAttributes {
    public static final String PROFILE_ID = "profileId";
    public static final String NAME = "name";
    public static final String ORGANISATION = "organisation";
    public static final String LOCATION = "location";
    public static final String TAGS = "tags";
    /** Map: see {@link PhotoAttributes}. Absent until a photo is ready. */
    public static final String PHOTO = "photo";
    /** Fallback-avatar hint shown when there is no photo (e.g. initials and a colour, or a gravatar hash). */
    public static final String AVATAR = "avatar";
    /** Lower-cased, accent-stripped name, organisation, location and tags: what {@code q=} filters on. */
    public static final String SEARCH = "search";

    public static final String OWNER_SUB = "ownerSub";
    public static final String EMAIL = "email";
    public static final String WEBSITE = "website";
    public static final String BIO = "bio";
    public static final String CONTACT_EMAIL = "contactEmail";
    /** E.164. */
    public static final String CONTACT_PHONE = "contactPhone";
    /** Boolean: the member chose to show the contact details on their profile page. */
    public static final String SHOW_CONTACT = "showContact";

    public static final String VISIBLE = "visible";
    public static final String SORT_NAME = "sortName";
    /** Number, incremented by every write to the profile item; the API's ETag, every transaction's condition. */
    public static final String VERSION = "version";

    /** {@code NONE | PENDING | READY | REJECTED}. */
    public static final String PHOTO_STATUS = "photoStatus";
    /** Human reason shown to the member when {@link #PHOTO_STATUS} is {@code REJECTED}. */
    public static final String PHOTO_REJECTION = "photoRejection";
    /** The upload the member asked for last; only an event for this upload may change the photo. */
    public static final String PENDING_UPLOAD_ID = "pendingUploadId";
    /**
     * Map {@code {x, y}} (see {@link PhotoAttributes#FOCAL_POINT}): the focal point the member chose for the
     * pending upload, written with {@link #PENDING_UPLOAD_ID} and read by the thumbnail function. Absent: the
     * crop window is chosen by the function's crop mode.
     */
    public static final String PENDING_FOCAL_POINT = "pendingFocalPoint";

    /**
     * On a profile item: list of the sort keys of its search index items ({@link Keys#searchSk}), as last
     * written, so the next write deletes exactly those even if the way phrases are made has changed since.
     * Absent or empty while the profile is hidden (or was written before the index existed: see reindex).
     */
    public static final String SEARCH_KEYS = "searchKeys";
    /**
     * On a search index item: number, how many leading characters its phrase shares with a lower phrase of
     * the same profile; the item answers only searches longer than that ({@code SearchPhrases}).
     */
    public static final String SHADOW = "shadow";

    /** On a profile made by a bulk import: the import id it was made from (see {@link Keys#importPk}). */
    public static final String IMPORT_ID = "importId";
    /** On an imported profile: the object its photo was imported from, so a re-run does not queue it again. */
    public static final String IMPORT_PHOTO_SOURCE = "importPhotoSource";

    /** Claim pointer item ({@link Keys#claimPk}): string set of the unclaimed imported profiles with the address. */
    public static final String CLAIMABLE_PROFILE_IDS = "profileIds";
    /** Profile item of a claimed profile: ISO-8601 instant of the claim (kept; earlier claims wrote it on the owner pointer). */
    public static final String CLAIMED_AT = "claimedAt";
    /**
     * Profile item of a claimed profile: boolean true from the claim until its owner's first save ({@code PUT
     * /me}) removes it; while present, what the profile says is the import's and its owner is asked to check it.
     */
    public static final String CLAIM_REVIEW_PENDING = "claimReviewPending";

    /**
     * Profile item of a profile an admin hid: map {@code {at, reason}}. While present the profile is listed
     * nowhere, whatever its owner saves, until an admin restores it; the owner sees it in {@code GET /me}.
     */
    public static final String HIDDEN_BY_ADMIN = "hiddenByAdmin";

    /** Report and audit items (see {@link Keys#reportsPk}, {@link Keys#auditPk}). */
    public static final String REPORT_ID = "reportId";

    public static final String REPORTER_SUB = "reporterSub";
    public static final String REASON = "reason";
    public static final String FILED_AT = "filedAt";
    public static final String STATUS = "status";
    public static final String ADMIN_SUB = "adminSub";
    public static final String AT = "at";
    public static final String NOTE = "note";
    public static final String ACTION = "action";
    public static final String ENTRY_ID = "entryId";

    /** Owner pointer item: the id of the profile the subject owns. */
    public static final String OWNED_PROFILE_ID = "profileId";
    /** Tag count item ({@link Keys#tagCountsPk}): number of visible profiles with the tag ({@code COUNT} is a reserved word: use #names). */
    public static final String COUNT = "count";

    /** What GSI1 projects and what tag items copy: everything a list page shows. */
    public static final List<String> CARD =
            List.of(PROFILE_ID, NAME, ORGANISATION, LOCATION, TAGS, PHOTO, AVATAR, SEARCH);

    private ItemAttributes() {}

    /** Keys of the {@link #PHOTO} map. */
    public static final class PhotoAttributes {
        public static final String THUMB_1X = "thumb1x";
        public static final String THUMB_2X = "thumb2x";
        public static final String DETAIL_1X = "detail1x";
        public static final String DETAIL_2X = "detail2x";
        /** ThumbHash, base64. */
        public static final String PLACEHOLDER = "placeholder";
        /** Dominant colour, {@code #rrggbb}. */
        public static final String COLOUR = "colour";
        /**
         * Boolean, present and true when every crop also exists as WebP beside its JPEG ({@code PhotoKeys.twin}):
         * 6 bytes on each card item instead of four more URLs (~340). Absent: JPEG only.
         */
        public static final String WEBP = "webp";

        public static final String SOURCE_WIDTH = "sourceWidth";
        public static final String SOURCE_HEIGHT = "sourceHeight";
        public static final String SPEC_VERSION = "specVersion";
        /**
         * The crop spec version the thumbnail function writes today ({@code CropSpec.VERSION} is this number).
         * Bump it with any change to the crops; the reprocess job re-runs every photo made to an older one.
         * 2: each crop also as WebP where the thumbnail function has libvips ({@link #WEBP}).
         */
        public static final int CURRENT_SPEC_VERSION = 2;

        public static final String UPLOAD_ID = "uploadId";
        /** ISO-8601 instant. */
        public static final String PROCESSED_AT = "processedAt";
        /** Map {@code {x, y}}, numbers 0..1: the member's focal point the crops were centred on; absent when none. */
        public static final String FOCAL_POINT = "focalPoint";
        /** Map {@code {x, y, side}}, upright source pixels: the square every crop was cut from. */
        public static final String WINDOW = "window";
        /** URL of the whole upright photo at most {@code PREVIEW_LONG_SIDE} px long, for the owner's crop editor. */
        public static final String PREVIEW = "preview";

        private PhotoAttributes() {}
    }
}
