package dev.roster.core.api;

import static dev.roster.emulator.SamTemplate.asList;
import static dev.roster.emulator.SamTemplate.asMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.CropFormat;
import dev.roster.core.PhotoKeys;
import dev.roster.core.UploadKey;
import dev.roster.core.json.Json;
import dev.roster.core.profile.Card;
import dev.roster.core.profile.FocalPoint;
import dev.roster.core.profile.Photo;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.ProfileItems;
import dev.roster.junit.ItemSize;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A photo's formats on the item, on the card and in the API: JPEG always, WebP twins named by one flag, their
 * URLs derived from the JPEG crops' keys, and what the flag costs every card item.
 */
class PhotoFormatsTest {
    private static final String BASE = "https://d111111abcdef8.cloudfront.net/";
    private static final String PROFILE = "AbCdEfGh";
    private static final String UPLOAD = "k3Jd9sLq0aZxPq4Rt7Uv2w";

    @Test
    void aPhotoWithoutWebpIsJpegOnlyAndTheApiSaysSo() {
        Map<String, Object> json = photoJson(photo(false));
        assertEquals(List.of("jpeg"), json.get("formats"));
        assertFalse(json.containsKey("webp"), "no WebP URLs where there are no WebP crops");
        assertEquals(url("t1", ".jpg"), json.get("thumb1x"));
    }

    @Test
    void aPhotoWithWebpNamesTheTwinOfEachJpegCrop() {
        Map<String, Object> json = photoJson(photo(true));
        assertEquals(List.of("jpeg", "webp"), json.get("formats"));
        assertEquals(url("d2", ".jpg"), json.get("detail2x"), "the JPEG stays where clients look for it");
        assertEquals(
                Map.of(
                        "thumb1x",
                        url("t1", ".webp"),
                        "thumb2x",
                        url("t2", ".webp"),
                        "detail1x",
                        url("d1", ".webp"),
                        "detail2x",
                        url("d2", ".webp")),
                json.get("webp"));
    }

    @Test
    void twinKeysComeFromTheJpegKeyAndNothingElse() {
        String jpeg = PhotoKeys.crop(new UploadKey(PROFILE, UPLOAD), "hash");
        assertEquals("photos/" + PROFILE + "/" + UPLOAD + "/hash.webp", PhotoKeys.twin(jpeg, CropFormat.WEBP));
        assertEquals(jpeg, PhotoKeys.twin(jpeg, CropFormat.JPEG));
        assertThrows(IllegalArgumentException.class, () -> PhotoKeys.twin("photos/x/hash.png", CropFormat.WEBP));
    }

    @Test
    void everyObjectOfAPhotoIsEachCropInEachFormatAndThePreview() {
        List<String> withWebp = photo(true).objectUrls();
        assertEquals(9, withWebp.size(), withWebp.toString());
        assertTrue(withWebp.containsAll(
                List.of(url("t1", ".jpg"), url("t1", ".webp"), url("d2", ".webp"), url("preview", ".jpg"))));
        assertEquals(5, photo(false).objectUrls().size(), "JPEG crops and the preview");
    }

    @Test
    void theFlagSurvivesTheItemAndItsAbsenceMeansJpegOnly() {
        assertTrue(ProfileItems.card(card(photo(true))).photo().hasWebp());
        assertFalse(ProfileItems.card(card(photo(false))).photo().hasWebp());
        Map<String, AttributeValue> written = card(photo(false));
        assertFalse(
                written.get(ItemAttributes.PHOTO).m().containsKey(ItemAttributes.PhotoAttributes.WEBP),
                "a JPEG-only photo writes no flag (items made before WebP read the same)");
    }

    /** A page reads 24 card items in one Query: WebP may not make them noticeably bigger. */
    @Test
    void webpCostsEachCardItemSixBytes() {
        long jpegOnly = ItemSize.of(card(photo(false)));
        long withWebp = ItemSize.of(card(photo(true)));
        // one map element: 1 byte, the name "webp" 4, a BOOL 1; four more URLs would cost ~420
        assertEquals(6, withWebp - jpegOnly);
        assertTrue(withWebp < 1024, "a typical card item with a WebP photo is " + withWebp + " bytes");
    }

    @Test
    void theCardsPhotoIsWhatOpenApiDescribes() throws IOException {
        Map<String, Object> schema = OpenApiAgreesWithValidationTest.schema("Photo");
        Set<String> documented = asMap(schema.get("properties")).keySet();
        Map<String, Object> formatsSchema =
                asMap(asMap(schema.get("properties")).get("formats"));
        List<Object> formatNames = asList(asMap(formatsSchema.get("items")).get("enum"));
        Map<String, Object> webpSchema = asMap(asMap(schema.get("properties")).get("webp"));
        for (Photo photo : List.of(photo(false), photo(true))) {
            Map<String, Object> json = photoJson(photo);
            assertTrue(documented.containsAll(json.keySet()), "undocumented: " + json.keySet());
            assertTrue(formatNames.containsAll((List<?>) json.get("formats")));
            assertEquals(photo.hasWebp(), json.containsKey("webp"));
        }
        assertEquals(
                Set.copyOf(asList(webpSchema.get("required"))),
                asMap(photoJson(photo(true)).get("webp")).keySet());
        assertEquals(
                Set.copyOf(formatNames),
                Set.copyOf(List.of(CropFormat.values()).stream()
                        .map(CropFormat::apiName)
                        .toList()));
    }

    private static Map<String, Object> photoJson(Photo photo) {
        // through JSON text, as a client reads it
        Map<String, Object> card = Json.parseTrusted(Json.write(
                new Card(PROFILE, "Zoë", "", "", List.of(), photo, dev.roster.core.profile.Avatar.of(PROFILE, "Zoë"))
                        .toJson()));
        return asMap(card.get("photo"));
    }

    private static Map<String, AttributeValue> card(Photo photo) {
        ProfileInput input = ProfileInput.fromJson(Map.of(
                "name",
                "Zoë Ólafsdóttir",
                "organisation",
                "Reykjavík Labs",
                "location",
                "Reykjavík",
                "tags",
                List.of("java", "climbing", "open source")));
        return ProfileItems.cardAttributes(PROFILE, input, ProfileItems.photoValue(photo));
    }

    private static Photo photo(boolean webp) {
        return new Photo(
                url("t1", ".jpg"),
                url("t2", ".jpg"),
                url("d1", ".jpg"),
                url("d2", ".jpg"),
                "1QcSHQRnh493V4dIh4eXh1h4kJUI",
                "#8a6d4f",
                webp,
                new Photo.Crop(4000, 3000, 500, 0, 3000, new FocalPoint(0.5, 0.4), url("preview", ".jpg")),
                2,
                UPLOAD,
                Instant.parse("2026-12-01T17:00:00Z"));
    }

    /** A crop URL as the pipeline writes it: a content hash under the upload's prefix. */
    private static String url(String name, String extension) {
        String hash = (name + "-".repeat(43)).substring(0, 43);
        return BASE
                + PhotoKeys.twin(
                        PhotoKeys.crop(new UploadKey(PROFILE, UPLOAD), hash),
                        extension.equals(".jpg") ? CropFormat.JPEG : CropFormat.WEBP);
    }
}
