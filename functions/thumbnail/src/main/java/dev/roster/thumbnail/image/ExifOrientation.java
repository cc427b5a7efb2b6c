package dev.roster.thumbnail.image;

import java.nio.charset.StandardCharsets;

/**
 * Reads the orientation tag (0x0112) from a photo's EXIF data, without a metadata library: a JPEG's
 * {@code APP1 "Exif\0\0"} segment, a PNG's {@code eXIf} chunk or a WebP's {@code EXIF} chunk, each holding
 * a TIFF structure whose IFD0 has the tag. Anything malformed means "upright": a broken tag must not
 * reject an otherwise good photo.
 */
public final class ExifOrientation {
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {}

    public static Orientation of(ImageFormat format, byte[] bytes) {
        return switch (format) {
            case JPEG -> ofJpeg(bytes);
            case PNG -> ofPng(bytes);
            case WEBP -> ofWebp(bytes);
            default -> Orientation.NORMAL;
        };
    }

    /** PNG chunks: 4-byte big-endian length, type, data, CRC; {@code eXIf} holds the TIFF structure. */
    static Orientation ofPng(byte[] png) {
        int offset = 8;
        while (offset + 12 <= png.length) {
            long length = u32(png, offset, false);
            String type = new String(png, offset + 4, 4, StandardCharsets.ISO_8859_1);
            int data = offset + 8;
            if (length > png.length - data - 4) {
                return Orientation.NORMAL;
            }
            if (type.equals("eXIf")) {
                return Orientation.fromExif(orientationTag(png, data, data + (int) length));
            }
            if (type.equals("IEND")) {
                return Orientation.NORMAL;
            }
            offset = data + (int) length + 4;
        }
        return Orientation.NORMAL;
    }

    /** WebP (RIFF) chunks: type, 4-byte little-endian size, data padded to even; {@code EXIF} holds TIFF. */
    static Orientation ofWebp(byte[] webp) {
        int offset = 12;
        while (offset + 8 <= webp.length) {
            String type = new String(webp, offset, 4, StandardCharsets.ISO_8859_1);
            long size = u32(webp, offset + 4, true);
            int data = offset + 8;
            if (size > webp.length - data) {
                return Orientation.NORMAL;
            }
            if (type.equals("EXIF")) {
                int tiff = startsWithExifHeader(webp, data, (int) size) ? data + 6 : data; // some writers keep it
                return Orientation.fromExif(orientationTag(webp, tiff, data + (int) size));
            }
            offset = data + (int) size + (int) (size & 1);
        }
        return Orientation.NORMAL;
    }

    private static boolean startsWithExifHeader(byte[] b, int at, int length) {
        return length >= 6 && "Exif\0\0".equals(new String(b, at, 6, StandardCharsets.ISO_8859_1));
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
            if (marker == 0xE1 && startsWithExifHeader(jpeg, body, length - 2)) {
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
