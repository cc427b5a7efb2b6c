package dev.roster.thumbnail.image;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a JPEG's segments before the first scan say about its colours: how many components the frame has,
 * whether an ICC profile ({@code APP2 "ICC_PROFILE"}) or an Adobe segment ({@code APP14}, which says how
 * to read 3 and 4 components) is there. Enough to tell a plain YCbCr or greyscale photo, which the JDK's
 * own reader decodes fastest, from the files that need TwelveMonkeys (CMYK, YCCK, colour profiles).
 */
public record JpegHeader(int components, boolean iccProfile, boolean adobe, int width, int height) {

    public int longestSide() {
        return Math.max(width, height);
    }

    /** A JFIF/EXIF photo in YCbCr or grey, no profile, no Adobe transform: nothing for a colour manager to do. */
    public boolean plain() {
        return (components == 1 || components == 3) && !iccProfile && !adobe;
    }

    /** Empty when the segments are malformed or no frame header comes before the first scan. */
    public static Optional<JpegHeader> read(byte[] jpeg) {
        boolean icc = false;
        boolean adobe = false;
        int offset = 2;
        while (offset + 4 <= jpeg.length) {
            if ((jpeg[offset] & 0xFF) != 0xFF) {
                return Optional.empty();
            }
            int marker = jpeg[offset + 1] & 0xFF;
            if (marker == 0xFF) {
                offset++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return Optional.empty(); // a scan (or the end) before any frame header
            }
            int length = ((jpeg[offset + 2] & 0xFF) << 8) | (jpeg[offset + 3] & 0xFF);
            int body = offset + 4;
            if (length < 2 || body + length - 2 > jpeg.length) {
                return Optional.empty();
            }
            if (marker == 0xE2 && startsWith(jpeg, body, length - 2, "ICC_PROFILE")) {
                icc = true;
            } else if (marker == 0xEE && startsWith(jpeg, body, length - 2, "Adobe")) {
                adobe = true;
            } else if (isFrameHeader(marker)) {
                // SOFn: precision, height (2), width (2), component count
                if (length < 8) {
                    return Optional.empty();
                }
                int height = ((jpeg[body + 1] & 0xFF) << 8) | (jpeg[body + 2] & 0xFF);
                int width = ((jpeg[body + 3] & 0xFF) << 8) | (jpeg[body + 4] & 0xFF);
                return Optional.of(new JpegHeader(jpeg[body + 5] & 0xFF, icc, adobe, width, height));
            }
            offset = body + length - 2;
        }
        return Optional.empty();
    }

    /** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static boolean startsWith(byte[] b, int at, int length, String prefix) {
        return length >= prefix.length()
                && prefix.equals(new String(b, at, prefix.length(), StandardCharsets.ISO_8859_1));
    }
}
