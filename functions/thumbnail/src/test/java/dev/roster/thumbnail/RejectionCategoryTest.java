package dev.roster.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.thumbnail.image.PhotoLimits;
import org.junit.jupiter.api.Test;

/** The reasons the pipeline really gives fall into the metric's few categories (the messages are PhotoLimits' own). */
class RejectionCategoryTest {
    private final PhotoLimits limits = PhotoLimits.ofMegapixels(1024 * 1024, 40);

    @Test
    void everyLimitMessageHasItsCategory() {
        assertEquals(
                "TooLarge",
                RejectionCategory.of(limits.checkBytes(5L * 1024 * 1024).orElseThrow()));
        assertEquals("Empty", RejectionCategory.of(limits.checkBytes(0).orElseThrow()));
        assertEquals(
                "TooManyPixels",
                RejectionCategory.of(limits.checkPixels(48_000, 48_000).orElseThrow()));
        assertEquals("TooSmall", RejectionCategory.of(limits.checkPixels(50, 50).orElseThrow()));
        assertEquals(
                "NotAnImage", RejectionCategory.of("the file is not a photo; please upload a JPEG, PNG, GIF or WebP"));
        assertEquals("Missing", RejectionCategory.of("the uploaded file is gone; please upload the photo again"));
        assertEquals("Other", RejectionCategory.of("something new"));
    }
}
