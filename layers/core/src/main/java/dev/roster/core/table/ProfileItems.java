package dev.roster.core.table;

import static dev.roster.core.table.ItemAttributes.AVATAR;
import static dev.roster.core.table.ItemAttributes.BIO;
import static dev.roster.core.table.ItemAttributes.EMAIL;
import static dev.roster.core.table.ItemAttributes.LOCATION;
import static dev.roster.core.table.ItemAttributes.NAME;
import static dev.roster.core.table.ItemAttributes.ORGANISATION;
import static dev.roster.core.table.ItemAttributes.OWNER_SUB;
import static dev.roster.core.table.ItemAttributes.PENDING_FOCAL_POINT;
import static dev.roster.core.table.ItemAttributes.PENDING_UPLOAD_ID;
import static dev.roster.core.table.ItemAttributes.PHOTO;
import static dev.roster.core.table.ItemAttributes.PHOTO_REJECTION;
import static dev.roster.core.table.ItemAttributes.PHOTO_STATUS;
import static dev.roster.core.table.ItemAttributes.PROFILE_ID;
import static dev.roster.core.table.ItemAttributes.SEARCH;
import static dev.roster.core.table.ItemAttributes.SORT_NAME;
import static dev.roster.core.table.ItemAttributes.TAGS;
import static dev.roster.core.table.ItemAttributes.VERSION;
import static dev.roster.core.table.ItemAttributes.VISIBLE;
import static dev.roster.core.table.ItemAttributes.WEBSITE;

import dev.roster.core.PhotoStatus;
import dev.roster.core.profile.Avatar;
import dev.roster.core.profile.Card;
import dev.roster.core.profile.Contact;
import dev.roster.core.profile.FocalPoint;
import dev.roster.core.profile.ImportClaim;
import dev.roster.core.profile.Photo;
import dev.roster.core.profile.Profile;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.profile.SearchText;
import dev.roster.core.table.ItemAttributes.PhotoAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps profile, tag and card items to the domain and back: the one place that knows which attribute holds
 * what, and how the derived attributes (sort name, search text, avatar) are made.
 */
public final class ProfileItems {
    private ProfileItems() {}

    /** A focal point as stored: {@code {x: N, y: N}}. */
    public static AttributeValue focalPointValue(FocalPoint point) {
        return AttributeValue.fromM(Map.of(
                "x",
                AttributeValue.fromN(Double.toString(point.x())),
                "y",
                AttributeValue.fromN(Double.toString(point.y()))));
    }

    /** The stored focal point, if the attribute holds one (a malformed one counts as none). */
    public static Optional<FocalPoint> focalPoint(AttributeValue value) {
        if (value == null
                || !value.hasM()
                || value.m().get("x") == null
                || value.m().get("y") == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FocalPoint(
                    Double.parseDouble(value.m().get("x").n()),
                    Double.parseDouble(value.m().get("y").n())));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** Name order key: the folded name; {@code #} separates key parts, so it is replaced. */
    public static String sortName(String name) {
        return SearchText.fold(name).replace('#', ' ');
    }

    /**
     * What {@code q=} matches: each field folded on its own line, so a query never matches across two
     * fields (a folded query has no line breaks).
     */
    public static String searchText(String name, String organisation, String location, List<String> tags) {
        List<String> parts = new ArrayList<>();
        parts.add(SearchText.fold(name));
        parts.add(SearchText.fold(organisation));
        parts.add(SearchText.fold(location));
        for (String tag : tags) {
            parts.add(SearchText.fold(tag));
        }
        return String.join("\n", parts);
    }

    /**
     * The card attributes of a profile (what its tag items copy and GSI1 projects). {@code photo} is the
     * stored photo map, copied as it is, or null.
     */
    public static Map<String, AttributeValue> cardAttributes(
            String profileId, ProfileInput input, AttributeValue photo) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PROFILE_ID, s(profileId));
        item.put(NAME, s(input.name()));
        item.put(ORGANISATION, s(input.organisation()));
        item.put(LOCATION, s(input.location()));
        item.put(
                TAGS,
                AttributeValue.fromL(input.tags().stream().map(ProfileItems::s).toList()));
        if (photo != null) {
            item.put(PHOTO, photo);
        }
        Avatar avatar = Avatar.of(profileId, input.name());
        item.put(AVATAR, AttributeValue.fromM(Map.of("initials", s(avatar.initials()), "colour", s(avatar.colour()))));
        item.put(SEARCH, s(searchText(input.name(), input.organisation(), input.location(), input.tags())));
        return item;
    }

    /**
     * What {@code PUT /me} (or an import) sets on the profile item: the card, the private fields, the sort
     * name and the version; and the directory keys while it is visible ({@link #DIRECTORY_KEYS} are removed
     * otherwise).
     */
    static Map<String, AttributeValue> editableFields(
            String community, String profileId, ProfileInput input, String sortName, long version) {
        Map<String, AttributeValue> fields = new LinkedHashMap<>(cardAttributes(profileId, input, null));
        fields.put(EMAIL, s(input.email()));
        fields.put(WEBSITE, s(input.website()));
        fields.put(BIO, s(input.bio()));
        // the contact details live on the profile item only: cardAttributes (tag items, GSI1) never hold them
        fields.put(ItemAttributes.CONTACT_EMAIL, s(input.contact().email()));
        fields.put(ItemAttributes.CONTACT_PHONE, s(input.contact().phone()));
        fields.put(
                ItemAttributes.SHOW_CONTACT,
                AttributeValue.fromBool(input.contact().shown()));
        fields.put(VISIBLE, AttributeValue.fromBool(input.visible()));
        fields.put(SORT_NAME, s(sortName));
        fields.put(VERSION, n(version));
        if (input.visible()) {
            fields.put(Keys.GSI1PK, s(Keys.directoryPk(community)));
            fields.put(Keys.GSI1SK, s(Keys.nameSortKey(sortName, profileId)));
        }
        return fields;
    }

    /** The attributes that put a profile item in the directory index (GSI1) while it is visible. */
    static final List<String> DIRECTORY_KEYS = List.of(Keys.GSI1PK, Keys.GSI1SK);

    /** The sort name a profile item was filed under (what its tag items' sort keys start with). */
    public static String profileSortName(Map<String, AttributeValue> profileItem) {
        String stored = string(profileItem, SORT_NAME);
        return stored.isEmpty() ? sortName(string(profileItem, NAME)) : stored;
    }

    /** A card from any item that carries the card attributes (profile item, tag item, GSI1 projection). */
    public static Card card(Map<String, AttributeValue> item) {
        return new Card(
                string(item, PROFILE_ID),
                string(item, NAME),
                string(item, ORGANISATION),
                string(item, LOCATION),
                strings(item, TAGS),
                photo(item),
                avatar(item));
    }

    public static Profile profile(Map<String, AttributeValue> item) {
        AttributeValue version = item.get(VERSION);
        AttributeValue visible = item.get(VISIBLE);
        String status = string(item, PHOTO_STATUS);
        return new Profile(
                string(item, PROFILE_ID),
                string(item, OWNER_SUB),
                string(item, NAME),
                string(item, ORGANISATION),
                string(item, LOCATION),
                string(item, WEBSITE),
                string(item, BIO),
                string(item, EMAIL),
                strings(item, TAGS),
                visible != null && Boolean.TRUE.equals(visible.bool()),
                version == null ? 0 : Long.parseLong(version.n()),
                status == null || status.isEmpty() ? PhotoStatus.NONE : PhotoStatus.valueOf(status),
                nullIfEmpty(string(item, PHOTO_REJECTION)),
                nullIfEmpty(string(item, PENDING_UPLOAD_ID)),
                photo(item),
                avatar(item),
                profileSortName(item),
                focalPoint(item.get(PENDING_FOCAL_POINT)).orElse(null),
                contact(item),
                hiddenByAdmin(item),
                SearchIndex.storedKeys(item),
                importClaim(item));
    }

    /** How the owner came to an imported profile ({@link ItemAttributes#CLAIMED_AT}); null if they created it. */
    private static ImportClaim importClaim(Map<String, AttributeValue> item) {
        String at = string(item, ItemAttributes.CLAIMED_AT);
        if (at.isEmpty()) {
            return null;
        }
        AttributeValue pending = item.get(ItemAttributes.CLAIM_REVIEW_PENDING);
        return new ImportClaim(Instant.parse(at), pending == null || !Boolean.TRUE.equals(pending.bool()));
    }

    /** What a claim sets on the profile item: when, and that its owner has yet to check it. */
    static Map<String, AttributeValue> claimAttributes(Instant at) {
        return Map.of(
                ItemAttributes.CLAIMED_AT,
                s(at.toString()),
                ItemAttributes.CLAIM_REVIEW_PENDING,
                AttributeValue.fromBool(true));
    }

    /** Map {@code {at, reason}} on the profile item of a profile an admin hid ({@link ItemAttributes#HIDDEN_BY_ADMIN}). */
    static AttributeValue hiddenValue(dev.roster.core.moderation.Hidden hidden) {
        return AttributeValue.fromM(
                Map.of(ItemAttributes.AT, s(hidden.at().toString()), ItemAttributes.REASON, s(hidden.reason())));
    }

    private static dev.roster.core.moderation.Hidden hiddenByAdmin(Map<String, AttributeValue> item) {
        AttributeValue hidden = item.get(ItemAttributes.HIDDEN_BY_ADMIN);
        if (hidden == null || !hidden.hasM()) {
            return null;
        }
        return new dev.roster.core.moderation.Hidden(
                java.time.Instant.parse(string(hidden.m(), ItemAttributes.AT)),
                string(hidden.m(), ItemAttributes.REASON));
    }

    private static Contact contact(Map<String, AttributeValue> item) {
        AttributeValue shown = item.get(ItemAttributes.SHOW_CONTACT);
        return new Contact(
                string(item, ItemAttributes.CONTACT_EMAIL),
                string(item, ItemAttributes.CONTACT_PHONE),
                shown != null && Boolean.TRUE.equals(shown.bool()));
    }

    /**
     * The stored photo map of {@code photo}: everything {@link #photo} reads back. Written on the profile
     * item and copied onto its tag items.
     */
    public static AttributeValue photoValue(Photo photo) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        map.put(PhotoAttributes.THUMB_1X, s(photo.thumb1x()));
        map.put(PhotoAttributes.THUMB_2X, s(photo.thumb2x()));
        map.put(PhotoAttributes.DETAIL_1X, s(photo.detail1x()));
        map.put(PhotoAttributes.DETAIL_2X, s(photo.detail2x()));
        map.put(PhotoAttributes.PLACEHOLDER, s(photo.placeholder()));
        map.put(PhotoAttributes.COLOUR, s(photo.colour()));
        if (photo.hasWebp()) {
            map.put(PhotoAttributes.WEBP, AttributeValue.fromBool(true));
        }
        Photo.Crop crop = photo.crop();
        if (crop != null) {
            map.put(PhotoAttributes.SOURCE_WIDTH, n(crop.sourceWidth()));
            map.put(PhotoAttributes.SOURCE_HEIGHT, n(crop.sourceHeight()));
        }
        if (photo.specVersion() > 0) {
            map.put(PhotoAttributes.SPEC_VERSION, n(photo.specVersion()));
        }
        if (photo.uploadId() != null) {
            map.put(PhotoAttributes.UPLOAD_ID, s(photo.uploadId()));
        }
        if (photo.processedAt() != null) {
            map.put(PhotoAttributes.PROCESSED_AT, s(photo.processedAt().toString()));
        }
        if (crop != null) {
            if (crop.focalPoint() != null) {
                map.put(PhotoAttributes.FOCAL_POINT, focalPointValue(crop.focalPoint()));
            }
            map.put(
                    PhotoAttributes.WINDOW,
                    AttributeValue.fromM(Map.of("x", n(crop.x()), "y", n(crop.y()), "side", n(crop.side()))));
            if (crop.preview() != null) {
                map.put(PhotoAttributes.PREVIEW, s(crop.preview()));
            }
        }
        return AttributeValue.fromM(map);
    }

    private static Photo photo(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(PHOTO);
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> photo = value.m();
        return new Photo(
                string(photo, PhotoAttributes.THUMB_1X),
                string(photo, PhotoAttributes.THUMB_2X),
                string(photo, PhotoAttributes.DETAIL_1X),
                string(photo, PhotoAttributes.DETAIL_2X),
                string(photo, PhotoAttributes.PLACEHOLDER),
                string(photo, PhotoAttributes.COLOUR),
                photo.containsKey(PhotoAttributes.WEBP)
                        && Boolean.TRUE.equals(photo.get(PhotoAttributes.WEBP).bool()),
                crop(photo),
                specVersion(photo),
                nullIfEmpty(string(photo, PhotoAttributes.UPLOAD_ID)),
                processedAt(photo));
    }

    private static int specVersion(Map<String, AttributeValue> photo) {
        AttributeValue value = photo.get(PhotoAttributes.SPEC_VERSION);
        try {
            return value == null || value.n() == null ? 0 : Integer.parseInt(value.n());
        } catch (NumberFormatException malformed) {
            return 0;
        }
    }

    private static Instant processedAt(Map<String, AttributeValue> photo) {
        String value = string(photo, PhotoAttributes.PROCESSED_AT);
        try {
            return value.isEmpty() ? null : Instant.parse(value);
        } catch (DateTimeParseException malformed) {
            return null;
        }
    }

    private static Photo.Crop crop(Map<String, AttributeValue> photo) {
        AttributeValue window = photo.get(PhotoAttributes.WINDOW);
        if (window == null || !window.hasM()) {
            return null;
        }
        try {
            return new Photo.Crop(
                    Integer.parseInt(photo.get(PhotoAttributes.SOURCE_WIDTH).n()),
                    Integer.parseInt(photo.get(PhotoAttributes.SOURCE_HEIGHT).n()),
                    Integer.parseInt(window.m().get("x").n()),
                    Integer.parseInt(window.m().get("y").n()),
                    Integer.parseInt(window.m().get("side").n()),
                    focalPoint(photo.get(PhotoAttributes.FOCAL_POINT)).orElse(null),
                    nullIfEmpty(string(photo, PhotoAttributes.PREVIEW)));
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private static Avatar avatar(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(AVATAR);
        if (value == null || !value.hasM()) {
            return Avatar.of(string(item, PROFILE_ID), string(item, NAME));
        }
        // the colour is recomputed from the id: items written before the palette became readable keep theirs stored
        return new Avatar(string(value.m(), "initials"), Avatar.colour(string(item, PROFILE_ID)));
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }

    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return List.of();
        }
        if (value.hasL()) {
            return value.l().stream().map(AttributeValue::s).toList();
        }
        return value.hasSs() ? value.ss() : List.of();
    }

    private static String nullIfEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
