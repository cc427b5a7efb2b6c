package dev.roster.core.table;

import dev.roster.core.PhotoStatus;
import dev.roster.core.profile.Avatar;
import dev.roster.core.profile.Card;
import dev.roster.core.profile.FocalPoint;
import dev.roster.core.profile.Photo;
import dev.roster.core.profile.Profile;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.profile.SearchText;
import dev.roster.core.table.ItemAttributes.PhotoAttributes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.roster.core.table.ItemAttributes.AVATAR;
import static dev.roster.core.table.ItemAttributes.BIO;
import static dev.roster.core.table.ItemAttributes.EMAIL;
import static dev.roster.core.table.ItemAttributes.LOCATION;
import static dev.roster.core.table.ItemAttributes.NAME;
import static dev.roster.core.table.ItemAttributes.ORGANISATION;
import static dev.roster.core.table.ItemAttributes.OWNER_SUB;
import static dev.roster.core.table.ItemAttributes.PENDING_UPLOAD_ID;
import static dev.roster.core.table.ItemAttributes.PHOTO;
import static dev.roster.core.table.ItemAttributes.PHOTO_REJECTION;
import static dev.roster.core.table.ItemAttributes.PHOTO_STATUS;
import static dev.roster.core.table.ItemAttributes.PROFILE_ID;
import static dev.roster.core.table.ItemAttributes.SEARCH;
import static dev.roster.core.table.ItemAttributes.TAGS;
import static dev.roster.core.table.ItemAttributes.VERSION;
import static dev.roster.core.table.ItemAttributes.VISIBLE;
import static dev.roster.core.table.ItemAttributes.WEBSITE;

/**
 * Maps profile, tag and card items to the domain and back: the one place that knows which attribute holds
 * what, and how the derived attributes (sort name, search text, avatar) are made.
 */
public final class ProfileItems {
    private ProfileItems() {
    }

    /** A focal point as stored: {@code {x: N, y: N}}. */
    public static AttributeValue focalPointValue(FocalPoint point) {
        return AttributeValue.fromM(Map.of("x", AttributeValue.fromN(Double.toString(point.x())),
                "y", AttributeValue.fromN(Double.toString(point.y()))));
    }

    /** The stored focal point, if the attribute holds one (a malformed one counts as none). */
    public static Optional<FocalPoint> focalPoint(AttributeValue value) {
        if (value == null || !value.hasM() || value.m().get("x") == null || value.m().get("y") == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FocalPoint(Double.parseDouble(value.m().get("x").n()),
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
    public static Map<String, AttributeValue> cardAttributes(String profileId, ProfileInput input, AttributeValue photo) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PROFILE_ID, s(profileId));
        item.put(NAME, s(input.name()));
        item.put(ORGANISATION, s(input.organisation()));
        item.put(LOCATION, s(input.location()));
        item.put(TAGS, AttributeValue.fromL(input.tags().stream().map(ProfileItems::s).toList()));
        if (photo != null) {
            item.put(PHOTO, photo);
        }
        Avatar avatar = Avatar.of(profileId, input.name());
        item.put(AVATAR, AttributeValue.fromM(Map.of("initials", s(avatar.initials()), "colour", s(avatar.colour()))));
        item.put(SEARCH, s(searchText(input.name(), input.organisation(), input.location(), input.tags())));
        return item;
    }

    /** The sort name a profile item was filed under (what its tag items' sort keys start with). */
    public static String profileSortName(Map<String, AttributeValue> profileItem) {
        String stored = string(profileItem, ItemAttributes.SORT_NAME);
        return stored.isEmpty() ? sortName(string(profileItem, NAME)) : stored;
    }

    /** A card from any item that carries the card attributes (profile item, tag item, GSI1 projection). */
    public static Card card(Map<String, AttributeValue> item) {
        return new Card(string(item, PROFILE_ID), string(item, NAME), string(item, ORGANISATION),
                string(item, LOCATION), strings(item, TAGS), photo(item), avatar(item));
    }

    public static Profile profile(Map<String, AttributeValue> item) {
        AttributeValue version = item.get(VERSION);
        AttributeValue visible = item.get(VISIBLE);
        String status = string(item, PHOTO_STATUS);
        return new Profile(string(item, PROFILE_ID), string(item, OWNER_SUB), string(item, NAME),
                string(item, ORGANISATION), string(item, LOCATION), string(item, WEBSITE), string(item, BIO),
                string(item, EMAIL), strings(item, TAGS), visible != null && Boolean.TRUE.equals(visible.bool()),
                version == null ? 0 : Long.parseLong(version.n()),
                status == null || status.isEmpty() ? PhotoStatus.NONE : PhotoStatus.valueOf(status),
                nullIfEmpty(string(item, PHOTO_REJECTION)), nullIfEmpty(string(item, PENDING_UPLOAD_ID)),
                photo(item), avatar(item));
    }

    /** The input a stored profile was written from (to rewrite its card items with one thing changed). */
    public static ProfileInput input(Profile profile) {
        return new ProfileInput(profile.name(), profile.organisation(), profile.location(), profile.website(),
                profile.bio(), profile.email(), profile.tags(), profile.visible());
    }

    private static Photo photo(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(PHOTO);
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> photo = value.m();
        return new Photo(string(photo, PhotoAttributes.THUMB_1X), string(photo, PhotoAttributes.THUMB_2X),
                string(photo, PhotoAttributes.DETAIL_1X), string(photo, PhotoAttributes.DETAIL_2X),
                string(photo, PhotoAttributes.PLACEHOLDER), string(photo, PhotoAttributes.COLOUR), crop(photo));
    }

    private static Photo.Crop crop(Map<String, AttributeValue> photo) {
        AttributeValue window = photo.get(PhotoAttributes.WINDOW);
        if (window == null || !window.hasM()) {
            return null;
        }
        try {
            return new Photo.Crop(Integer.parseInt(photo.get(PhotoAttributes.SOURCE_WIDTH).n()),
                    Integer.parseInt(photo.get(PhotoAttributes.SOURCE_HEIGHT).n()),
                    Integer.parseInt(window.m().get("x").n()), Integer.parseInt(window.m().get("y").n()),
                    Integer.parseInt(window.m().get("side").n()),
                    focalPoint(photo.get(PhotoAttributes.FOCAL_POINT)).orElse(null));
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

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
