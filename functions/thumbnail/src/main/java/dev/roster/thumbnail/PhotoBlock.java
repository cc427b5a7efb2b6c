package dev.roster.thumbnail;

import dev.roster.thumbnail.image.CropSpec;

import java.time.Instant;
import java.util.Map;

/** The {@code photo} map written onto the profile item and its tag items: everything a card shows of a photo. */
public record PhotoBlock(Map<CropSpec, String> urls, String placeholder, String colour, int sourceWidth,
                         int sourceHeight, int specVersion, String uploadId, Instant processedAt) {
    public PhotoBlock {
        urls = Map.copyOf(urls);
    }
}
