package dev.roster.core.profile;

import dev.roster.core.PhotoStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile as stored, with everything its owner may see. {@code version} is the ETag (0: never written).
 * {@code sortName} is the name order it is filed under (its tag items' sort keys start with it), and
 * {@code pendingFocalPoint} the focal point chosen for {@code pendingUploadId}, if any; {@code contact} the
 * contact details, shown on its page only when their owner chose to. {@code visible} is the owner's own
 * choice; {@code hiddenByAdmin} (null unless an admin hid it) overrides it until an admin restores it:
 * {@link #listed()} is what decides whether the profile is in the directory. {@code searchKeys} are the keys of
 * its search index items as read (empty while it is not listed), so the next write replaces exactly those.
 * {@code claimed} is how its owner came to it when an import made it (null for a profile its member created).
 */
public record Profile(
        String id,
        String ownerSub,
        String name,
        String organisation,
        String location,
        String website,
        String bio,
        String email,
        List<String> tags,
        boolean visible,
        long version,
        PhotoStatus photoStatus,
        String photoRejection,
        String pendingUploadId,
        Photo photo,
        Avatar avatar,
        String sortName,
        FocalPoint pendingFocalPoint,
        Contact contact,
        dev.roster.core.moderation.Hidden hiddenByAdmin,
        List<String> searchKeys,
        ImportClaim claimed) {
    public Profile {
        contact = contact == null ? Contact.NONE : contact;
        searchKeys = searchKeys == null ? List.of() : List.copyOf(searchKeys);
    }

    /** In the directory: its owner made it visible and no admin hid it. */
    public boolean listed() {
        return visible && hiddenByAdmin == null;
    }

    /**
     * The profile a member's create from {@code input} writes, at {@code version}: theirs, no photo, not hidden,
     * made by no import. Its search keys are left empty: the answer to the create shows none of them, and every
     * later write starts from the profile read back.
     */
    public static Profile created(String id, String ownerSub, ProfileInput input, String sortName, long version) {
        // nothing yet but its owner, then their first save: one place maps the input onto a profile
        return new Profile(
                        id,
                        ownerSub,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        false,
                        0,
                        PhotoStatus.NONE,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Contact.NONE,
                        null,
                        List.of(),
                        null)
                .edited(input, sortName, version);
    }

    /**
     * The same profile with its editable fields as {@code input} says and at {@code version}, after its owner saved
     * it: a claimed import is theirs from then on (reviewed).
     */
    public Profile edited(ProfileInput input, String newSortName, long newVersion) {
        return new Profile(
                id,
                ownerSub,
                input.name(),
                input.organisation(),
                input.location(),
                input.website(),
                input.bio(),
                input.email(),
                input.tags(),
                input.visible(),
                newVersion,
                photoStatus,
                photoRejection,
                pendingUploadId,
                photo,
                Avatar.of(id, input.name()),
                newSortName,
                pendingFocalPoint,
                input.contact(),
                hiddenByAdmin,
                searchKeys,
                claimed == null ? null : claimed.reviewedByOwner());
    }

    /** Its owner claimed it from an import and has not saved it since: what it says is still the import's. */
    public boolean claimUnreviewed() {
        return claimed != null && !claimed.reviewed();
    }

    /** The input this profile was written from (to rewrite its items with one thing changed, or to compare). */
    public ProfileInput input() {
        return new ProfileInput(name, organisation, location, website, bio, email, tags, visible, contact);
    }

    /**
     * Whether a member's create from {@code input} would have written this profile: the fields the request sets
     * are equal (its version, photo and moderation state have no part in it), and no import made it.
     */
    public boolean isAsCreatedFrom(ProfileInput input) {
        return claimed == null && input().equals(input);
    }

    /** Whether the member is waiting for {@code uploadId} to become their photo. */
    public boolean waitsFor(String uploadId) {
        return uploadId.equals(pendingUploadId);
    }

    public Card card() {
        return new Card(id, name, organisation, location, tags, photo, avatar);
    }

    /** The page anyone in the community may see of a visible profile: the card plus website and bio. */
    public Map<String, Object> publicJson() {
        Map<String, Object> json = card().toJson();
        json.put("website", website);
        json.put("bio", bio);
        return json;
    }

    /**
     * {@code GET /profiles/{id}}: the page a signed-in member sees, the public view plus the contact details its
     * owner chose to show (absent when none are shown). Never used for cards, lists or search.
     */
    public Map<String, Object> pageJson() {
        Map<String, Object> json = publicJson();
        Map<String, Object> shown = contact.shownJson();
        if (!shown.isEmpty()) {
            json.put("contact", shown);
        }
        return json;
    }

    /** {@code GET /me}: the owner's own view, including the private and status fields. */
    public Map<String, Object> ownerJson() {
        Map<String, Object> json = publicJson();
        json.put("email", email);
        contact.putOwnerFields(json);
        json.put("visible", visible);
        json.put("hiddenByAdmin", hiddenByAdmin == null ? null : hiddenByAdmin.ownerJson());
        // the owner's own history: never on cards, pages or lists (publicJson and pageJson leave it out)
        json.put("claimed", claimed == null ? null : claimed.ownerJson());
        json.put("photoStatus", photoStatus.name());
        json.put("photoRejection", photoStatus == PhotoStatus.REJECTED ? photoRejection : null);
        json.put("version", version);
        if (photo != null && photo.crop() != null) {
            // for the owner's focal-point editor; list pages need none of it
            Photo.Crop crop = photo.crop();
            Map<String, Object> cropJson = new LinkedHashMap<>();
            cropJson.put("sourceWidth", crop.sourceWidth());
            cropJson.put("sourceHeight", crop.sourceHeight());
            cropJson.put("window", Map.of("x", crop.x(), "y", crop.y(), "side", crop.side()));
            cropJson.put(
                    "focalPoint",
                    crop.focalPoint() == null ? null : crop.focalPoint().json());
            // the whole upright photo, small: the owner places the focal point on it (never shown to others)
            cropJson.put("preview", crop.preview());
            json.put("photoCrop", cropJson);
        }
        return new LinkedHashMap<>(json);
    }

    public String etag() {
        return "\"" + version + "\"";
    }
}
