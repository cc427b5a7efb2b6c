package dev.roster.core.profile;

import java.time.Instant;

/**
 * A ready photo: its crops as URLs (1x and 2x of the thumbnail and the detail image), placeholder and colour
 * (what a card shows), and how it was made: {@code crop} says where the crops were cut from (null for photos
 * made before crop windows were recorded), {@code specVersion} the crop spec they were made to (0: unknown),
 * {@code uploadId} the upload they came from and {@code processedAt} when (null when not recorded).
 */
public record Photo(String thumb1x, String thumb2x, String detail1x, String detail2x, String placeholder, String colour,
                    Crop crop, int specVersion, String uploadId, Instant processedAt) {

    /**
     * The square window (upright source pixels) every crop was cut from, the upright source size, the
     * member's focal point that placed the window (null when the thumbnail function chose it), and the URL of
     * a small preview of the whole upright photo for the owner's crop editor (null for photos made before
     * previews were). Only {@code GET /me} shows any of it.
     */
    public record Crop(int sourceWidth, int sourceHeight, int x, int y, int side, FocalPoint focalPoint, String preview) {
    }
}
