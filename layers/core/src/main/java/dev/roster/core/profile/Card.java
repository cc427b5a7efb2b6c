package dev.roster.core.profile;

import dev.roster.core.CropFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a list page shows of a profile, and nothing more: no e-mail, no owner, no bio, no status fields.
 * {@code photo} is null when there is none; the {@code avatar} is always there to fall back on.
 */
public record Card(
        String id, String name, String organisation, String location, List<String> tags, Photo photo, Avatar avatar) {
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

    /**
     * The JPEG crops' URLs at the top (every client can show them), {@code formats} naming every format the crops
     * exist in, and for each format beyond JPEG the same four URLs under the format's name ({@code webp}),
     * derived here from the item's one flag.
     */
    private static Map<String, Object> photoJson(Photo photo) {
        Map<String, Object> json = new LinkedHashMap<>(photo.cropUrls(CropFormat.JPEG));
        json.put("placeholder", photo.placeholder());
        json.put("colour", photo.colour());
        json.put("formats", photo.formats().stream().map(CropFormat::apiName).toList());
        for (CropFormat format : photo.formats()) {
            if (format != CropFormat.JPEG) {
                json.put(format.apiName(), photo.cropUrls(format));
            }
        }
        return json;
    }
}
