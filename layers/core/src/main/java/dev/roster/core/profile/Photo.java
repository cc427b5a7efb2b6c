package dev.roster.core.profile;

import dev.roster.core.CropFormat;
import dev.roster.core.PhotoKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ready photo: its crops as URLs (1x and 2x of the thumbnail and the detail image, JPEG), whether each also
 * exists as WebP ({@code hasWebp}: its URLs are derived, {@link PhotoKeys#twin}), placeholder and colour (what a
 * card shows), and how it was made: {@code crop} says where the crops were cut from (null for photos made before
 * crop windows were recorded), {@code specVersion} the crop spec they were made to (0: unknown), {@code uploadId}
 * the upload they came from and {@code processedAt} when (null when not recorded).
 */
public record Photo(
        String thumb1x,
        String thumb2x,
        String detail1x,
        String detail2x,
        String placeholder,
        String colour,
        boolean hasWebp,
        Crop crop,
        int specVersion,
        String uploadId,
        Instant processedAt) {

    /**
     * The square window (upright source pixels) every crop was cut from, the upright source size, the
     * member's focal point that placed the window (null when the thumbnail function chose it), and the URL of
     * a small preview of the whole upright photo for the owner's crop editor (null for photos made before
     * previews were). Only {@code GET /me} shows any of it.
     */
    public record Crop(
            int sourceWidth, int sourceHeight, int x, int y, int side, FocalPoint focalPoint, String preview) {}

    /** The formats every crop of this photo exists in: JPEG always, WebP when the thumbnail function made it. */
    public List<CropFormat> formats() {
        return hasWebp ? List.of(CropFormat.JPEG, CropFormat.WEBP) : List.of(CropFormat.JPEG);
    }

    /** The crops' URLs in {@code format} by their names in the API ({@code thumb1x} …), in that order. */
    public Map<String, String> cropUrls(CropFormat format) {
        if (!formats().contains(format)) {
            throw new IllegalArgumentException("this photo has no " + format.apiName() + " crops");
        }
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("thumb1x", inFormat(thumb1x, format));
        urls.put("thumb2x", inFormat(thumb2x, format));
        urls.put("detail1x", inFormat(detail1x, format));
        urls.put("detail2x", inFormat(detail2x, format));
        return urls;
    }

    /**
     * Every object this photo is made of, as URLs: each crop in each of its formats and the preview (not the
     * original, which is keyed by {@code uploadId}). What removing or replacing the photo leaves behind.
     */
    public List<String> objectUrls() {
        List<String> urls = new ArrayList<>();
        for (CropFormat format : formats()) {
            cropUrls(format).values().stream()
                    .filter(url -> url != null && !url.isEmpty())
                    .forEach(urls::add);
        }
        if (crop != null && crop.preview() != null) {
            urls.add(crop.preview());
        }
        return List.copyOf(urls);
    }

    private static String inFormat(String jpegUrl, CropFormat format) {
        return format == CropFormat.JPEG || jpegUrl == null || jpegUrl.isEmpty()
                ? jpegUrl
                : PhotoKeys.twin(jpegUrl, format);
    }
}
