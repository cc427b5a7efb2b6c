package dev.roster.thumbnail.image;

import java.nio.charset.StandardCharsets;

/**
 * Reads the orientation tag (0x0112) from a JPEG's EXIF segment, without a metadata library: walk the
 * markers up to the start of scan, find {@code APP1 "Exif\0\0"}, read IFD0 of the TIFF structure inside.
 * Anything malformed means "upright": a broken tag must not reject an otherwise good photo.
 */
public final class ExifOrientation {
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {
    }

    public static Orientation ofJpeg(byte[] jpeg) {
        int offset = 2;
        while (offset + 4 <= jpeg.length) {
            if ((jpeg[offset] & 0xFF) != 0xFF) {
                return Orientation.NORMAL;
            }
            int marker = jpeg[offset + 1] & 0xFF;
            if (marker == 0xFF) {
                offset++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return Orientation.NORMAL; // start of scan or end of image: no EXIF before the pixels
            }
            int length = u16(jpeg, offset + 2, false);
            int body = offset + 4;
            if (length < 2 || body + length - 2 > jpeg.length) {
                return Orientation.NORMAL;
            }
            if (marker == 0xE1 && length >= 8 && "Exif\0\0".equals(new String(jpeg, body, 6, StandardCharsets.ISO_8859_1))) {
                return Orientation.fromExif(orientationTag(jpeg, body + 6, body + length - 2));
            }
            offset = body + length - 2;
        }
        return Orientation.NORMAL;
    }

    private static int orientationTag(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        if (u16(b, tiff + 2, little) != 42) {
            return 1;
        }
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + i * 12;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == ORIENTATION_TAG) {
                return u16(b, entry + 2, little) == TYPE_SHORT ? u16(b, entry + 8, little) : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int first = b[at] & 0xFF;
        int second = b[at + 1] & 0xFF;
        return little ? first | second << 8 : first << 8 | second;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long first = u16(b, at, little);
        long second = u16(b, at + 2, little);
        return little ? first | second << 16 : first << 16 | second;
    }
}
