package dev.roster.thumbnail;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Files an attacker (or an unlucky phone) uploads, made in code: headers declaring absurd sizes, damaged and
 * random bytes, other file types under an image's name, polyglots and metadata with external entities.
 * Deterministic (fixed seeds), so a failure names a file that can be made again.
 */
public final class HostileFiles {
    public static final String NOT_A_PHOTO = "the file is not a photo; please upload a JPEG, PNG, GIF or WebP";
    public static final String DAMAGED =
            "the photo could not be read (the file is damaged or incomplete); please upload it again";

    private HostileFiles() {}

    /** What a case must come to: processed, rejected with exactly this reason, or either (but never a crash). */
    public sealed interface Expected {
        record Processed() implements Expected {}

        record Rejected(String reason) implements Expected {}

        record ProcessedOrRejected() implements Expected {}
    }

    public record Case(String name, byte[] bytes, Expected expected) {}

    /**
     * Every case. {@code xxeUrl} and {@code xxeFile} are what the XMP packet's external entities point at:
     * a URL that counts requests and a path nothing may open.
     */
    public static List<Case> all(String xxeUrl, String xxeFile) {
        List<Case> cases = new ArrayList<>();
        Expected processed = new Expected.Processed();
        // decompression bombs: a few dozen bytes claiming billions of pixels (GIF and JPEG store sides in
        // 16 bits, so 65 535 × 1 is their longest strip)
        cases.add(new Case(
                "PNG header declaring 50000x50000",
                TestImages.pngHeaderOnly(50_000, 50_000),
                rejected("photo is 50000×50000; the limit is 40 megapixels")));
        cases.add(new Case(
                "GIF header declaring 50000x50000",
                gifHeaderOnly(50_000, 50_000),
                rejected("photo is 50000×50000; the limit is 40 megapixels")));
        cases.add(new Case(
                "JPEG header declaring 50000x50000",
                jpegHeaderOnly(50_000, 50_000),
                rejected("photo is 50000×50000; the limit is 40 megapixels")));
        cases.add(new Case(
                "PNG header declaring 100000x1",
                TestImages.pngHeaderOnly(100_000, 1),
                rejected("photo is 100000×1; no side may be longer than 20000 pixels")));
        cases.add(new Case(
                "GIF header declaring 65535x1",
                gifHeaderOnly(65_535, 1),
                rejected("photo is 65535×1; no side may be longer than 20000 pixels")));
        cases.add(new Case(
                "JPEG header declaring 65535x1",
                jpegHeaderOnly(65_535, 1),
                rejected("photo is 65535×1; no side may be longer than 20000 pixels")));
        // a real zlib bomb inside the limits: ~40 KB that inflates to 120 MB of pixels
        cases.add(new Case("PNG of zeros at the 40 MP limit (6324x6324)", pngOfZeros(6324, 6324), processed));
        cases.add(new Case("GIF with 500 frames", fiveHundredFrames(), processed));
        byte[] photo = TestImages.jpeg(TestImages.photoLike(640, 480));
        for (int seed = 1; seed <= 40; seed++) {
            cases.add(
                    new Case("bit-flipped JPEG #" + seed, bitFlipped(photo, seed), new Expected.ProcessedOrRejected()));
        }
        cases.add(new Case("truncated JPEG", Arrays.copyOf(photo, photo.length / 2), rejected(DAMAGED)));
        cases.add(new Case("zero bytes", new byte[0], rejected(NOT_A_PHOTO)));
        cases.add(new Case("4 KB of zeros", new byte[4096], rejected(NOT_A_PHOTO)));
        for (int seed = 1; seed <= 5; seed++) {
            cases.add(new Case("random bytes #" + seed, randomBytes(seed, 8192), rejected(NOT_A_PHOTO)));
        }
        cases.add(new Case(
                "JPEG marker then random bytes",
                withPrefix(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, 11),
                rejected(DAMAGED)));
        cases.add(new Case(
                "PNG signature then random bytes",
                withPrefix(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 12),
                rejected(DAMAGED)));
        cases.add(new Case(
                "GIF signature then random bytes",
                withPrefix(ascii("GIF89a"), 13),
                new Expected.ProcessedOrRejected()));
        cases.add(new Case("WebP signature then random bytes", webpThenRandom(14), rejected(DAMAGED)));
        cases.add(new Case("HTML named .jpg", ascii("""
                <!DOCTYPE html><html><head><title>photo.jpg</title></head>
                <body><script>fetch('/me',{credentials:'include'}).then(r=>r.text()).then(alert)</script></body></html>
                """), rejected(NOT_A_PHOTO)));
        cases.add(new Case(
                "SVG with a script named .jpg",
                ascii("""
                <?xml version="1.0" encoding="UTF-8"?>
                <svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" onload="alert(1)">
                  <script type="text/javascript">alert(document.cookie)</script><rect width="400" height="400"/>
                </svg>
                """),
                rejected("SVG files are not supported; please upload a JPEG, PNG, GIF or WebP")));
        cases.add(new Case(
                "HEIC", heic(), rejected("HEIC files are not supported; please upload a JPEG, PNG, GIF or WebP")));
        cases.add(new Case("JPEG with a ZIP appended", concat(photo, zip()), processed));
        cases.add(new Case(
                "JPEG with an XMP packet declaring external entities",
                withXmp(photo, xxeXmp(xxeUrl, xxeFile)),
                processed));
        cases.add(new Case(
                "PNG with an XMP iTXt chunk declaring external entities",
                withPngChunk(TestImages.png(TestImages.photoLike(300, 300)), "iTXt", itxt(xxeXmp(xxeUrl, xxeFile))),
                processed));
        return cases;
    }

    private static Expected rejected(String reason) {
        return new Expected.Rejected(reason);
    }

    /** GIF89a: logical screen and one image descriptor of {@code width × height}, then the trailer. */
    public static byte[] gifHeaderOnly(int width, int height) {
        ByteBuffer gif = ByteBuffer.allocate(6 + 7 + 10 + 3 + 1).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        gif.put(ascii("GIF89a"));
        gif.putShort((short) width)
                .putShort((short) height)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        gif.put((byte) 0x2C)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) width)
                .putShort((short) height)
                .put((byte) 0);
        gif.put((byte) 2).put((byte) 0).put((byte) 0); // LZW minimum code size, empty data
        gif.put((byte) 0x3B);
        return gif.array();
    }

    /**
     * A real 16 × 16 baseline JPEG (tables, scan and all) whose SOF0 now claims {@code width × height}: what a
     * JPEG bomb looks like to a header check (the scan holds a few hundred pixels, never the billions claimed).
     */
    public static byte[] jpegHeaderOnly(int width, int height) {
        byte[] jpeg = TestImages.jpeg(TestImages.quadrants(16, 16));
        for (int at = 2; at + 9 < jpeg.length; ) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xC0) {
                ByteBuffer.wrap(jpeg, at + 5, 4).putShort((short) height).putShort((short) width);
                return jpeg;
            }
            at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF);
        }
        throw new IllegalStateException("no SOF0 in the JDK's JPEG");
    }

    /** A real, valid PNG of {@code width × height} black RGB pixels, deflated row by row (never held whole). */
    public static byte[] pngOfZeros(int width, int height) {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(9))) {
            byte[] row = new byte[1 + width * 3]; // filter type 0, then the samples
            for (int y = 0; y < height; y++) {
                z.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] header = TestImages.pngHeaderOnly(width, height); // signature + IHDR (8-bit RGB)
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(header);
        png.writeBytes(chunk("IDAT", idat.toByteArray()));
        png.writeBytes(chunk("IEND", new byte[0]));
        return png.toByteArray();
    }

    private static byte[] fiveHundredFrames() {
        Color[] frames = new Color[500];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = Color.getHSBColor(i / 500f, 0.8f, 0.9f);
        }
        return TestImages.animatedGif(240, 180, frames);
    }

    /** The JPEG with 1 to 16 bits flipped at places chosen by the seed (never the SOI marker itself). */
    public static byte[] bitFlipped(byte[] jpeg, int seed) {
        Random random = new Random(seed);
        byte[] flipped = jpeg.clone();
        int flips = 1 + random.nextInt(16);
        for (int i = 0; i < flips; i++) {
            int at = 3 + random.nextInt(flipped.length - 3);
            flipped[at] ^= (byte) (1 << random.nextInt(8));
        }
        return flipped;
    }

    private static byte[] randomBytes(int seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        bytes[0] = (byte) 'r'; // no accidental magic number
        return bytes;
    }

    private static byte[] withPrefix(byte[] prefix, int seed) {
        byte[] bytes = randomBytes(seed, 8192);
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        return bytes;
    }

    private static byte[] webpThenRandom(int seed) {
        byte[] bytes = randomBytes(seed, 8192);
        ByteBuffer.wrap(bytes)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put(ascii("RIFF"))
                .putInt(8184)
                .put(ascii("WEBPVP8 "));
        return bytes;
    }

    /** An ISO BMFF file with an HEIC brand, as an iPhone writes (only the boxes a sniffer sees). */
    private static byte[] heic() {
        ByteBuffer heic = ByteBuffer.allocate(24 + 16 + 256);
        heic.putInt(24).put(ascii("ftypheic")).putInt(0).put(ascii("mif1heic"));
        heic.putInt(16).put(ascii("meta")).putInt(0).put(ascii("hdlr"));
        return heic.array();
    }

    private static byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("index.html"));
            zip.write(ascii("<script>alert('polyglot')</script>"));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An XMP packet whose DOCTYPE declares a file entity and a network entity, both used in a title. */
    public static String xxeXmp(String url, String file) {
        return """
                <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
                <!DOCTYPE x:xmpmeta [
                  <!ENTITY file SYSTEM "file://%s">
                  <!ENTITY net SYSTEM "%s">
                  <!ENTITY %% remote SYSTEM "%s/dtd"> %%remote;
                ]>
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
                   <dc:title>XMP-MARKER &file; &net;</dc:title>
                  </rdf:Description>
                 </rdf:RDF>
                </x:xmpmeta>
                <?xpacket end="w"?>""".formatted(file, url, url);
    }

    /** The JPEG with an APP1 XMP segment right after SOI, where cameras and editors put it. */
    public static byte[] withXmp(byte[] jpeg, String xmp) {
        byte[] id = ascii("http://ns.adobe.com/xap/1.0/\0");
        byte[] packet = xmp.getBytes(StandardCharsets.UTF_8);
        ByteBuffer app1 = ByteBuffer.allocate(4 + id.length + packet.length);
        app1.putShort((short) 0xFFE1)
                .putShort((short) (2 + id.length + packet.length))
                .put(id)
                .put(packet);
        return concat(Arrays.copyOf(jpeg, 2), app1.array(), Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    private static byte[] itxt(String xmp) {
        return concat(ascii("XML:com.adobe.xmp\0"), new byte[] {0, 0, 0, 0}, xmp.getBytes(StandardCharsets.UTF_8));
    }

    /** The PNG with one more chunk right after IHDR. */
    public static byte[] withPngChunk(byte[] png, String type, byte[] data) {
        int afterIhdr = 8 + 4 + 4 + 13 + 4;
        return concat(Arrays.copyOf(png, afterIhdr), chunk(type, data), Arrays.copyOfRange(png, afterIhdr, png.length));
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(4 + 4 + data.length + 4);
        chunk.putInt(data.length).put(ascii(type)).put(data);
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(data);
        chunk.putInt((int) crc.getValue());
        return chunk.array();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
