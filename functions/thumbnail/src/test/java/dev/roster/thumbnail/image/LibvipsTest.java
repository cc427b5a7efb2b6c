package dev.roster.thumbnail.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.thumbnail.TestImages;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LibvipsTest {

    @Test
    void theFetchedLibraryLoadsAndDecodesTheVerificationJpegLikeImageIo() {
        Libvips libvips = NativeLibrary.required();
        assertTrue(libvips.version().startsWith("8."), libvips.version());
        assertEquals(null, libvips.verify());
    }

    @Test
    void aMissingLibraryIsUnavailableWithTheFolderItWasLookedFor(@org.junit.jupiter.api.io.TempDir Path empty) {
        var unavailable = assertInstanceOf(Libvips.Availability.Unavailable.class, Libvips.load(empty));
        assertTrue(unavailable.reason().contains(empty.toString()), unavailable.reason());
    }

    @Test
    void aJpegIsShrunkOnLoadInTheDctDomainToEachSideOverTheShrinkRoundedDown() throws Exception {
        Libvips libvips = NativeLibrary.required();
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(1001, 603));
        for (int shrink : new int[] {1, 2, 4, 8}) {
            java.awt.image.BufferedImage decoded = libvips.decodeJpeg(jpeg, 1001, 603, shrink);
            assertEquals(1001 / shrink, decoded.getWidth());
            assertEquals(603 / shrink, decoded.getHeight());
            assertEquals(java.awt.image.BufferedImage.TYPE_INT_RGB, decoded.getType());
        }
    }

    @Test
    void anAreaKeepsExactlyThosePixelsOfTheWholeDecode() throws Exception {
        Libvips libvips = NativeLibrary.required();
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(1001, 603));
        java.awt.image.BufferedImage whole = libvips.decodeJpeg(jpeg, 1001, 603, 2);
        java.awt.Rectangle area = new java.awt.Rectangle(137, 0, 301, 301);
        java.awt.image.BufferedImage cut = libvips.decodeJpeg(jpeg, 1001, 603, 2, area);
        assertEquals(List.of(301, 301), List.of(cut.getWidth(), cut.getHeight()));
        for (int y = 0; y < 301; y += 7) {
            for (int x = 0; x < 301; x += 7) {
                assertEquals(whole.getRGB(area.x + x, area.y + y), cut.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> libvips.decodeJpeg(jpeg, 1001, 603, 2, new java.awt.Rectangle(300, 0, 301, 301)));
    }

    @Test
    void aTruncatedJpegIsRefusedWithLibvipsReason() {
        Libvips libvips = NativeLibrary.required();
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(640, 480));
        byte[] cut = java.util.Arrays.copyOf(jpeg, jpeg.length / 2);
        var refused = assertThrows(Libvips.Refused.class, () -> libvips.decodeJpeg(cut, 640, 480, 1));
        assertTrue(!refused.getMessage().isBlank());
    }

    @Test
    void aHeaderThatDisagreesWithTheCallersSizeIsRefused() {
        Libvips libvips = NativeLibrary.required();
        byte[] jpeg = TestImages.jpeg(TestImages.photoLike(640, 480));
        var refused = assertThrows(Libvips.Refused.class, () -> libvips.decodeJpeg(jpeg, 4000, 3000, 2));
        assertTrue(refused.getMessage().contains("expected 2000×1500"), refused.getMessage());
    }

    @Test
    void theShrinkIsTheLargestDctScaleThatKeepsTheSquareAboveTheFloor() {
        assertEquals(2, Libvips.shrinkFor(3000, 1500));
        assertEquals(2, Libvips.shrinkFor(4000, 1500));
        assertEquals(4, Libvips.shrinkFor(6000, 1500));
        assertEquals(8, Libvips.shrinkFor(12000, 1500));
        assertEquals(1, Libvips.shrinkFor(2999, 1500));
        assertEquals(1, Libvips.shrinkFor(800, 1500));
    }
}
