package dev.roster.core.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a list page shows of a profile, and nothing more: no e-mail, no owner, no bio, no status fields.
 * {@code photo} is null when there is none; the {@code avatar} is always there to fall back on.
 */
public record Card(String id, String name, String organisation, String location, List<String> tags, Photo photo,
                   Avatar avatar) {
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        json.put("organisation", organisation);
        json.put("location", location);
        json.put("tags", tags);
        json.put("photo", photo == null ? null : photoJson(photo));
        Map<String, Object> fallback = new LinkedHashMap<>();
        fallback.put("initials", avatar.initials());
        fallback.put("colour", avatar.colour());
        json.put("avatar", fallback);
        return json;
    }

    private static Map<String, Object> photoJson(Photo photo) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("thumb1x", photo.thumb1x());
        json.put("thumb2x", photo.thumb2x());
        json.put("detail1x", photo.detail1x());
        json.put("detail2x", photo.detail2x());
        json.put("placeholder", photo.placeholder());
        json.put("colour", photo.colour());
        return json;
    }
}
