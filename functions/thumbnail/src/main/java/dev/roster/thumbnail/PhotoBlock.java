package dev.roster.thumbnail;

import dev.roster.core.profile.FocalPoint;
import dev.roster.core.profile.Photo;
import dev.roster.thumbnail.image.CropSpec;
import dev.roster.thumbnail.image.CropWindow;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The {@code photo} map written onto the profile item and its tag items: everything a card shows of a photo (the
 * JPEG crops' URLs, and whether each has a WebP twin), and the window it was cut from (with the focal point that
 * placed it, if any), so re-processing is deterministic. */
public record PhotoBlock(
        Map<CropSpec, String> urls,
        boolean hasWebp,
        String placeholder,
        String colour,
        int sourceWidth,
        int sourceHeight,
        int specVersion,
        String uploadId,
        Instant processedAt,
        Optional<FocalPoint> focalPoint,
        CropWindow window,
        String preview) {
    public PhotoBlock {
        urls = Map.copyOf(urls);
    }

    /** The photo as the profile keeps it. */
    public Photo photo() {
        return new Photo(
                urls.get(CropSpec.THUMB_1X),
                urls.get(CropSpec.THUMB_2X),
                urls.get(CropSpec.DETAIL_1X),
                urls.get(CropSpec.DETAIL_2X),
                placeholder,
                colour,
                hasWebp,
                new Photo.Crop(
                        sourceWidth,
                        sourceHeight,
                        window.x(),
                        window.y(),
                        window.side(),
                        focalPoint.orElse(null),
                        preview),
                specVersion,
                uploadId,
                processedAt);
    }
}
