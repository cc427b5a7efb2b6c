package dev.roster.thumbnail.image;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The libvips the build fetched for this machine (target/libvips). Without it (no npm) the native tests are
 * skipped on a developer's machine and fail in CI, where the build must have fetched it.
 */
public final class NativeLibrary {
    private NativeLibrary() {}

    public static Libvips required() {
        return switch (Libvips.shared()) {
            case Libvips.Availability.Loaded loaded -> loaded.libvips();
            case Libvips.Availability.Unavailable unavailable -> {
                if (System.getenv("CI") != null) {
                    fail("CI must test the native decoder, but: " + unavailable.reason());
                }
                Assumptions.abort("native decoder unavailable: " + unavailable.reason());
                throw new AssertionError();
            }
        };
    }
}
