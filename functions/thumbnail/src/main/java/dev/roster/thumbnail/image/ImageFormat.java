package dev.roster.thumbnail.image;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a file is, judged by its first bytes (never by its name or the content type a client claimed).
 * The four accepted formats have an ImageIO reader; the rest are named only so the rejection can say what
 * the member uploaded.
 */
public enum ImageFormat {
    JPEG("JPEG", "jpeg", true),
    PNG("PNG", "png", true),
    GIF("GIF", "gif", true),
    WEBP("WebP", "webp", true),
    HEIC("HEIC", null, false),
    AVIF("AVIF", null, false),
    TIFF("TIFF", null, false),
    BMP("BMP", null, false),
    SVG("SVG", null, false),
    PDF("PDF", null, false),
    UNKNOWN("unknown", null, false);

    /** How many leading bytes {@link #sniff} looks at. */
    public static final int SNIFF_BYTES = 512;

    private final String displayName;
    private final String imageIoName;
    private final boolean accepted;

    ImageFormat(String displayName, String imageIoName, boolean accepted) {
        this.displayName = displayName;
        this.imageIoName = imageIoName;
        this.accepted = accepted;
    }

    public boolean accepted() {
        return accepted;
    }

    public String displayName() {
        return displayName;
    }

    /** The ImageIO format name of an accepted format. */
    public String imageIoName() {
        if (!accepted) {
            throw new IllegalStateException(this + " has no reader");
        }
        return imageIoName;
    }

    public static ImageFormat sniff(byte[] bytes) {
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (ascii(bytes, 0, "GIF87a") || ascii(bytes, 0, "GIF89a")) {
            return GIF;
        }
        if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) {
            return WEBP;
        }
        if (ascii(bytes, 4, "ftyp")) {
            String brand = bytes.length >= 12 ? new String(bytes, 8, 4, StandardCharsets.US_ASCII) : "";
            return switch (brand) {
                case "avif", "avis" -> AVIF;
                case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1" -> HEIC;
                default -> UNKNOWN;
            };
        }
        if (ascii(bytes, 0, "II*\0") || ascii(bytes, 0, "MM\0*")) {
            return TIFF;
        }
        if (ascii(bytes, 0, "BM")) {
            return BMP;
        }
        if (ascii(bytes, 0, "%PDF")) {
            return PDF;
        }
        String head = new String(bytes, 0, Math.min(bytes.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        if (head.contains("<svg")) {
            return SVG;
        }
        return UNKNOWN;
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] bytes, int offset, String expected) {
        return startsWith(bytes, offset, expected.chars().toArray());
    }
}
