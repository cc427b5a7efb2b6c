package dev.roster.thumbnail.image;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javax.imageio.ImageIO;

/**
 * libvips (the library sharp is built on), reached through the Foreign Function &amp; Memory API: JPEG decoding
 * shrunk on load in the DCT domain by libjpeg-turbo, and WebP encoding. The library is the prebuilt
 * {@code libvips-cpp.so} the layer carries in {@code lib/} ({@code /opt/lib} on Lambda); layers/libvips
 * fetches it. It is loaded once per process and only trusted after it decoded a known JPEG the way ImageIO
 * does ({@link #shared()}); every caller keeps a Java path for when it is {@link Availability.Unavailable}.
 *
 * <p>Limits: the caller checks the header's dimensions against {@link PhotoLimits} before any pixel is
 * decoded; libvips keeps no operation cache (nothing outlives a call), runs one worker thread, refuses a
 * progressive JPEG with an absurd number of scans (its {@code unlimited} option stays off) and stops at the
 * first libjpeg warning ({@code fail_on=warning}), so a damaged file goes to the Java path, which says why.
 */
public final class Libvips {
    /** Where the library is looked for when neither {@code -Droster.libvips.dir} nor {@code LIBVIPS_DIR} says. */
    static final Path LAMBDA_LAYER_LIB = Path.of("/opt/lib");

    static final String DIRECTORY_PROPERTY = "roster.libvips.dir";
    static final String DIRECTORY_ENV = "LIBVIPS_DIR";
    /** The DCT scales libjpeg offers for shrink-on-load. */
    static final int[] SHRINK_FACTORS = {8, 4, 2, 1};
    /** libjpeg-turbo and the JDK's IJG libjpeg round differently; beyond this a pixel is a different decode. */
    static final int VERIFY_MAX_CHANNEL_DIFFERENCE = 6;

    static final double VERIFY_MAX_MEAN_DIFFERENCE = 1.0;

    private static final int VIPS_FORMAT_UCHAR = 0;
    private static final int VIPS_ACCESS_SEQUENTIAL = 1;
    private static final int VIPS_FAIL_ON_WARNING = 3;
    private static final int VIPS_FOREIGN_KEEP_NONE = 0;
    private static final int VIPS_FOREIGN_SUBSAMPLE_ON = 1;
    private static final int FALSE = 0;
    private static final int TRUE = 1;
    private static final int G_LOG_LEVEL_WARNING = 1 << 4;

    /** Whether the native library can be used here, and if not, why not (one line for the log). */
    public sealed interface Availability {
        record Loaded(Libvips libvips) implements Availability {}

        record Unavailable(String reason) implements Availability {}
    }

    /** Pixels row by row, {@code bands} bytes per pixel (1: grey, 3: RGB): what the encoders take. */
    public record Pixels(int width, int height, int bands, byte[] bytes) {
        /** An image's pixels as RGB, row by row, 3 bytes a pixel (what the encoders take). */
        public static Pixels rgb(BufferedImage image) {
            int w = image.getWidth();
            int h = image.getHeight();
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            byte[] rgb = new byte[argb.length * 3];
            for (int i = 0; i < argb.length; i++) {
                rgb[i * 3] = (byte) (argb[i] >> 16);
                rgb[i * 3 + 1] = (byte) (argb[i] >> 8);
                rgb[i * 3 + 2] = (byte) argb[i];
            }
            return new Pixels(w, h, 3, rgb);
        }
    }

    /** libvips would not decode this file; the Java path takes it. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private static volatile Availability shared;

    private final String version;
    private final MethodHandle jpegloadBuffer;
    private final MethodHandle writeToMemory;
    private final MethodHandle imageWidth;
    private final MethodHandle imageHeight;
    private final MethodHandle imageBands;
    private final MethodHandle imageFormat;
    private final MethodHandle newFromMemory;
    private final MethodHandle webpsaveBuffer;
    private final MethodHandle jpegsaveBuffer;
    private final MethodHandle extractArea;
    private final MethodHandle errorBuffer;
    private final MethodHandle errorClear;
    private final MethodHandle objectUnref;
    private final MethodHandle free;

    private Libvips(SymbolLookup lib, Linker linker) throws Throwable {
        MethodHandle init =
                linker.downcallHandle(lib.findOrThrow("vips_init"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        MethodHandle versionString =
                linker.downcallHandle(lib.findOrThrow("vips_version_string"), FunctionDescriptor.of(ADDRESS));
        MethodHandle cacheSetMax =
                linker.downcallHandle(lib.findOrThrow("vips_cache_set_max"), FunctionDescriptor.ofVoid(JAVA_INT));
        MethodHandle cacheSetMaxMem =
                linker.downcallHandle(lib.findOrThrow("vips_cache_set_max_mem"), FunctionDescriptor.ofVoid(JAVA_LONG));
        MethodHandle concurrencySet =
                linker.downcallHandle(lib.findOrThrow("vips_concurrency_set"), FunctionDescriptor.ofVoid(JAVA_INT));
        // int vips_jpegload_buffer(void *buf, size_t len, VipsImage **out, ...): name/value pairs, then NULL
        jpegloadBuffer = linker.downcallHandle(
                lib.findOrThrow("vips_jpegload_buffer"),
                FunctionDescriptor.of(
                        JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT,
                        ADDRESS, JAVA_INT, ADDRESS),
                Linker.Option.firstVariadicArg(3));
        // VipsImage *vips_image_new_from_memory(const void *data, size_t size, int width, int height, int bands,
        // VipsBandFormat format): wraps the caller's buffer, which outlives the image (both end with the call)
        newFromMemory = linker.downcallHandle(
                lib.findOrThrow("vips_image_new_from_memory"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        // int vips_webpsave_buffer(VipsImage *in, void **buf, size_t *len, ...) and vips_jpegsave_buffer, alike:
        // four name/value pairs, then NULL
        FunctionDescriptor save = FunctionDescriptor.of(
                JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS,
                JAVA_INT, ADDRESS);
        webpsaveBuffer =
                linker.downcallHandle(lib.findOrThrow("vips_webpsave_buffer"), save, Linker.Option.firstVariadicArg(3));
        jpegsaveBuffer =
                linker.downcallHandle(lib.findOrThrow("vips_jpegsave_buffer"), save, Linker.Option.firstVariadicArg(3));
        // int vips_extract_area(VipsImage *in, VipsImage **out, int left, int top, int width, int height, ...)
        extractArea = linker.downcallHandle(
                lib.findOrThrow("vips_extract_area"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS),
                Linker.Option.firstVariadicArg(6));
        writeToMemory = linker.downcallHandle(
                lib.findOrThrow("vips_image_write_to_memory"), FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        imageWidth = linker.downcallHandle(
                lib.findOrThrow("vips_image_get_width"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        imageHeight = linker.downcallHandle(
                lib.findOrThrow("vips_image_get_height"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        imageBands = linker.downcallHandle(
                lib.findOrThrow("vips_image_get_bands"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        imageFormat = linker.downcallHandle(
                lib.findOrThrow("vips_image_get_format"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        errorBuffer = linker.downcallHandle(lib.findOrThrow("vips_error_buffer"), FunctionDescriptor.of(ADDRESS));
        errorClear = linker.downcallHandle(lib.findOrThrow("vips_error_clear"), FunctionDescriptor.ofVoid());
        objectUnref = linker.downcallHandle(lib.findOrThrow("g_object_unref"), FunctionDescriptor.ofVoid(ADDRESS));
        free = linker.downcallHandle(lib.findOrThrow("g_free"), FunctionDescriptor.ofVoid(ADDRESS));

        try (Arena arena = Arena.ofConfined()) {
            if ((int) init.invokeExact(arena.allocateFrom("roster")) != 0) {
                throw new IllegalStateException("vips_init failed: " + lastError());
            }
        }
        // libvips also prints a failed decode to stderr ("VIPS-WARNING **: error in tile ..."); the error buffer
        // has the same text and the Java path says what is wrong with the file, so the warning is dropped
        MethodHandle setLogHandler = linker.downcallHandle(
                lib.findOrThrow("g_log_set_handler"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        MemorySegment ignore = linker.upcallStub(
                MethodHandles.lookup()
                        .findStatic(
                                Libvips.class,
                                "ignoreLogMessage",
                                MethodType.methodType(
                                        void.class,
                                        MemorySegment.class,
                                        int.class,
                                        MemorySegment.class,
                                        MemorySegment.class)),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, ADDRESS),
                Arena.global());
        int handlerId = (int) setLogHandler.invokeExact(
                Arena.global().allocateFrom("VIPS"), G_LOG_LEVEL_WARNING, ignore, MemorySegment.NULL);
        // nothing cached between calls (an operation cache would hold decoded pixels), one worker thread: a
        // Lambda environment handles one photo at a time with less than one vCPU
        cacheSetMax.invokeExact(0);
        cacheSetMaxMem.invokeExact(0L);
        concurrencySet.invokeExact(1);
        version = ((MemorySegment) versionString.invokeExact()).reinterpret(64).getString(0);
    }

    /**
     * The process's libvips, loaded and verified once: {@link Availability.Unavailable} says why not when the
     * library is missing, does not load, or decodes the verification JPEG differently from ImageIO.
     */
    public static Availability shared() {
        Availability result = shared;
        if (result == null) {
            synchronized (Libvips.class) {
                result = shared;
                if (result == null) {
                    result = load(directory());
                    shared = result;
                }
            }
        }
        return result;
    }

    /** The folder holding the library: {@code -Droster.libvips.dir}, else {@code LIBVIPS_DIR}, else /opt/lib. */
    static Path directory() {
        String property = System.getProperty(DIRECTORY_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv(DIRECTORY_ENV);
        return env != null && !env.isBlank() ? Path.of(env) : LAMBDA_LAYER_LIB;
    }

    /** The library's file name, as layers/libvips/libvips.properties pins it. */
    static String libraryFile() {
        try (InputStream in = Libvips.class.getResourceAsStream("/libvips.properties")) {
            if (in == null) {
                throw new IllegalStateException("libvips.properties is missing from the function's classes");
            }
            Properties pin = new Properties();
            pin.load(in);
            return pin.getProperty("library.file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Availability load(Path directory) {
        Path file = directory.resolve(libraryFile());
        if (!Files.isRegularFile(file)) {
            return new Availability.Unavailable("no " + file.getFileName() + " in " + directory);
        }
        Libvips libvips;
        try {
            libvips = new Libvips(SymbolLookup.libraryLookup(file, Arena.global()), Linker.nativeLinker());
        } catch (Throwable e) {
            return new Availability.Unavailable("loading " + file + " failed: " + e);
        }
        String mismatch = libvips.verify();
        return mismatch == null ? new Availability.Loaded(libvips) : new Availability.Unavailable(mismatch);
    }

    public String version() {
        return version;
    }

    /**
     * The largest DCT shrink (8, 4, 2 or 1) that keeps a square of side {@code squareSide} at least
     * {@code minimumSide} pixels.
     */
    public static int shrinkFor(int squareSide, int minimumSide) {
        for (int factor : SHRINK_FACTORS) {
            if (squareSide / factor >= minimumSide) {
                return factor;
            }
        }
        return 1;
    }

    /**
     * Decodes a JPEG of {@code width × height} stored pixels (the header's, checked against the limits by the
     * caller) at 1/{@code shrink} of its size, as libjpeg scales in the DCT domain; libvips drops the partial
     * last pixel, so the result is {@code width / shrink} by {@code height / shrink}, rounded down.
     */
    public BufferedImage decodeJpeg(byte[] jpeg, int width, int height, int shrink) throws Refused {
        return decodeJpeg(jpeg, width, height, shrink, new Rectangle(0, 0, width / shrink, height / shrink));
    }

    /**
     * As {@link #decodeJpeg(byte[], int, int, int)}, keeping only {@code area} of the decoded pixels: libvips cuts
     * it out as the rows stream past, so nothing outside it reaches Java. The pixels are copied once, from
     * libvips's buffer into the image's own array: {@code TYPE_INT_RGB} for colour (what the resizes are fastest
     * on), {@code TYPE_BYTE_GRAY} for grey.
     */
    public BufferedImage decodeJpeg(byte[] jpeg, int width, int height, int shrink, Rectangle area) throws Refused {
        int expectedWidth = width / shrink;
        int expectedHeight = height / shrink;
        if (area.isEmpty() || !new Rectangle(0, 0, expectedWidth, expectedHeight).contains(area)) {
            throw new IllegalArgumentException(
                    "area " + area + " is not inside the " + expectedWidth + "×" + expectedHeight + " decode");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(jpeg.length);
            MemorySegment.copy(jpeg, 0, buffer, JAVA_BYTE, 0, jpeg.length);
            MemorySegment out = arena.allocate(ADDRESS);
            int status = (int) jpegloadBuffer.invokeExact(
                    buffer,
                    (long) jpeg.length,
                    out,
                    arena.allocateFrom("shrink"),
                    shrink,
                    arena.allocateFrom("fail_on"),
                    VIPS_FAIL_ON_WARNING,
                    arena.allocateFrom("access"),
                    VIPS_ACCESS_SEQUENTIAL,
                    arena.allocateFrom("unlimited"),
                    FALSE,
                    MemorySegment.NULL);
            if (status != 0) {
                throw new Refused(lastError());
            }
            MemorySegment image = out.get(ADDRESS, 0);
            MemorySegment cut = MemorySegment.NULL;
            try {
                int w = (int) imageWidth.invokeExact(image);
                int h = (int) imageHeight.invokeExact(image);
                int bands = (int) imageBands.invokeExact(image);
                int format = (int) imageFormat.invokeExact(image);
                // libvips read the same header: anything else means the file is not what the caller checked
                if (w != expectedWidth
                        || h != expectedHeight
                        || (bands != 1 && bands != 3)
                        || format != VIPS_FORMAT_UCHAR) {
                    throw new Refused("libvips reads " + w + "×" + h + "×" + bands + " (format " + format
                            + "), expected " + expectedWidth + "×" + expectedHeight + " with 1 or 3 8-bit bands");
                }
                MemorySegment kept = image;
                if (area.width != w || area.height != h) {
                    if ((int) extractArea.invokeExact(
                                    image, out, area.x, area.y, area.width, area.height, MemorySegment.NULL)
                            != 0) {
                        throw new Refused(lastError());
                    }
                    cut = out.get(ADDRESS, 0);
                    kept = cut;
                }
                MemorySegment size = arena.allocate(JAVA_LONG);
                MemorySegment pixels = (MemorySegment) writeToMemory.invokeExact(kept, size);
                if (pixels.equals(MemorySegment.NULL)) {
                    throw new Refused(lastError());
                }
                try {
                    long length = size.get(JAVA_LONG, 0);
                    if (length != (long) area.width * area.height * bands) {
                        throw new Refused("libvips wrote " + length + " bytes for " + area.width + "×" + area.height
                                + "×" + bands);
                    }
                    return image(pixels.reinterpret(length), area.width, area.height, bands);
                } finally {
                    free.invokeExact(pixels);
                }
            } finally {
                if (!cut.equals(MemorySegment.NULL)) {
                    objectUnref.invokeExact(cut);
                }
                objectUnref.invokeExact(image);
            }
        } catch (Refused | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("calling libvips failed", e);
        }
    }

    /** libvips's rows (grey, or RGB 3 bytes a pixel) as a grey or {@code TYPE_INT_RGB} image, a row at a time. */
    private static BufferedImage image(MemorySegment rows, int width, int height, int bands) {
        if (bands == 1) {
            BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            byte[] target = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
            MemorySegment.copy(rows, JAVA_BYTE, 0, target, 0, target.length);
            return grey;
        }
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] target = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        byte[] row = new byte[width * 3];
        for (int y = 0; y < height; y++) {
            MemorySegment.copy(rows, JAVA_BYTE, (long) y * row.length, row, 0, row.length);
            int at = y * width;
            for (int x = 0, i = 0; x < width; x++, i += 3) {
                target[at + x] = (row[i] & 0xFF) << 16 | (row[i + 1] & 0xFF) << 8 | row[i + 2] & 0xFF;
            }
        }
        return rgb;
    }

    /**
     * Lossy WebP settings: {@code quality} 0–100 (libwebp's {@code Q}), {@code effort} 0–6 (time spent finding a
     * smaller file for the same quality) and {@code smartSubsample} (sharper colour edges, slower).
     */
    public record WebpSettings(int quality, int effort, boolean smartSubsample) {
        public WebpSettings {
            if (quality < 0 || quality > 100 || effort < 0 || effort > 6) {
                throw new IllegalArgumentException(
                        "WebP quality is 0..100 and effort 0..6, not " + quality + " and " + effort);
            }
        }
    }

    /**
     * Encodes opaque 8-bit RGB pixels as a lossy WebP holding nothing but the picture ({@code keep=none}: no
     * EXIF, XMP or ICC chunk). The pixels are the caller's own crops, at most a few hundred pixels a side.
     */
    public byte[] encodeWebp(Pixels rgb, WebpSettings settings) throws Refused {
        return save(
                rgb,
                webpsaveBuffer,
                "WebP",
                "Q",
                settings.quality(),
                "effort",
                settings.effort(),
                "smart_subsample",
                settings.smartSubsample() ? TRUE : FALSE,
                "keep",
                VIPS_FOREIGN_KEEP_NONE);
    }

    /**
     * Encodes opaque 8-bit RGB pixels as a JPEG the way the JDK's writer does for {@link JpegEncoder}: libjpeg's
     * standard tables scaled to {@code quality} (1–100), progressive (which optimises the Huffman tables), 4:2:0
     * chroma, and nothing but the JFIF header ({@code keep=none}). libvips resets mozjpeg to libjpeg-turbo's
     * defaults unless asked otherwise, so no trellis quantisation or other tables.
     */
    public byte[] encodeJpeg(Pixels rgb, int quality) throws Refused {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality is 1..100, not " + quality);
        }
        return save(
                rgb,
                jpegsaveBuffer,
                "JPEG",
                "Q",
                quality,
                "interlace",
                TRUE,
                "subsample_mode",
                VIPS_FOREIGN_SUBSAMPLE_ON,
                "keep",
                VIPS_FOREIGN_KEEP_NONE);
    }

    /** {@code rgb} wrapped as a libvips image (no copy) and written by {@code saver} with four options. */
    private byte[] save(
            Pixels rgb,
            MethodHandle saver,
            String format,
            String option1,
            int value1,
            String option2,
            int value2,
            String option3,
            int value3,
            String option4,
            int value4)
            throws Refused {
        if (rgb.bands() != 3 || rgb.bytes().length != rgb.width() * rgb.height() * 3) {
            throw new IllegalArgumentException("expected " + rgb.width() + "×" + rgb.height() + " RGB pixels, got "
                    + rgb.bands() + " bands in " + rgb.bytes().length + " bytes");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(rgb.bytes().length);
            MemorySegment.copy(rgb.bytes(), 0, data, JAVA_BYTE, 0, rgb.bytes().length);
            MemorySegment image = (MemorySegment) newFromMemory.invokeExact(
                    data, (long) rgb.bytes().length, rgb.width(), rgb.height(), 3, VIPS_FORMAT_UCHAR);
            if (image.equals(MemorySegment.NULL)) {
                throw new Refused(lastError());
            }
            try {
                MemorySegment buffer = arena.allocate(ADDRESS);
                MemorySegment length = arena.allocate(JAVA_LONG);
                int status = (int) saver.invokeExact(
                        image,
                        buffer,
                        length,
                        arena.allocateFrom(option1),
                        value1,
                        arena.allocateFrom(option2),
                        value2,
                        arena.allocateFrom(option3),
                        value3,
                        arena.allocateFrom(option4),
                        value4,
                        MemorySegment.NULL);
                if (status != 0) {
                    throw new Refused(lastError());
                }
                MemorySegment encoded = buffer.get(ADDRESS, 0);
                if (encoded.equals(MemorySegment.NULL)) {
                    throw new Refused("libvips reported success but returned no " + format);
                }
                try {
                    long size = length.get(JAVA_LONG, 0);
                    if (size <= 0 || size > (long) rgb.bytes().length + 4096) {
                        throw new Refused("libvips wrote a " + format + " of " + size + " bytes for " + rgb.width()
                                + "×" + rgb.height() + " pixels");
                    }
                    byte[] bytes = new byte[(int) size];
                    MemorySegment.copy(encoded.reinterpret(size), JAVA_BYTE, 0, bytes, 0, bytes.length);
                    return bytes;
                } finally {
                    free.invokeExact(encoded);
                }
            } finally {
                objectUnref.invokeExact(image);
            }
        } catch (Refused | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("calling libvips failed", e);
        }
    }

    /** A GLogFunc that drops the message (see the constructor). */
    private static void ignoreLogMessage(
            MemorySegment domain, int level, MemorySegment message, MemorySegment userData) {}

    /** libvips's error text (its log of the last failures), then cleared. */
    private String lastError() {
        try {
            String text = ((MemorySegment) errorBuffer.invokeExact())
                    .reinterpret(4096)
                    .getString(0)
                    .strip();
            errorClear.invokeExact();
            return text.isEmpty() ? "libvips gave no reason" : text.replace('\n', ';');
        } catch (Throwable e) {
            return "libvips gave no readable reason (" + e + ")";
        }
    }

    /**
     * Null when libvips decodes a known 4:2:0 JPEG (colour gradient, hard edges) like ImageIO does, at full
     * size and at every shrink; otherwise what differed.
     */
    String verify() {
        BufferedImage drawn = verificationImage();
        int width = drawn.getWidth();
        int height = drawn.getHeight();
        byte[] jpeg = new JpegEncoder(0.9).encode(drawn);
        try {
            BufferedImage reference = ImageIO.read(new ByteArrayInputStream(jpeg));
            for (int shrink : SHRINK_FACTORS) {
                BufferedImage decoded = decodeJpeg(jpeg, width, height, shrink);
                String difference = compare(decoded, reference, shrink);
                if (difference != null) {
                    return "libvips " + version + " decodes the verification JPEG at 1/" + shrink + " unlike ImageIO: "
                            + difference;
                }
            }
            return null;
        } catch (Refused e) {
            return "libvips " + version + " refused the verification JPEG: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            return "verifying libvips failed: " + e;
        }
    }

    /** The image every init check encodes or decodes: 96×64, a colour gradient with a hard-edged square. */
    static BufferedImage verificationImage() {
        BufferedImage drawn = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = drawn.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(230, 90, 20), 96, 64, new Color(20, 60, 200)));
        g.fillRect(0, 0, 96, 64);
        g.setColor(new Color(250, 240, 30));
        g.fillRect(16, 16, 24, 24);
        g.dispose();
        return drawn;
    }

    /** Each decoded pixel against the mean of the {@code shrink × shrink} reference pixels it stands for. */
    private static String compare(BufferedImage decoded, BufferedImage reference, int shrink) {
        if (decoded.getType() != BufferedImage.TYPE_INT_RGB) {
            return "image type " + decoded.getType() + " for an RGB JPEG";
        }
        long total = 0;
        int worst = 0;
        for (int y = 0; y < decoded.getHeight(); y++) {
            for (int x = 0; x < decoded.getWidth(); x++) {
                int[] mean = new int[3];
                int n = 0;
                for (int dy = 0; dy < shrink && y * shrink + dy < reference.getHeight(); dy++) {
                    for (int dx = 0; dx < shrink && x * shrink + dx < reference.getWidth(); dx++) {
                        int rgb = reference.getRGB(x * shrink + dx, y * shrink + dy);
                        mean[0] += rgb >> 16 & 0xFF;
                        mean[1] += rgb >> 8 & 0xFF;
                        mean[2] += rgb & 0xFF;
                        n++;
                    }
                }
                for (int c = 0; c < 3; c++) {
                    int value = decoded.getRGB(x, y) >> (16 - 8 * c) & 0xFF;
                    int difference = Math.abs(value - Math.round(mean[c] / (float) n));
                    total += difference;
                    worst = Math.max(worst, difference);
                }
            }
        }
        double meanDifference = total / (3.0 * decoded.getWidth() * decoded.getHeight());
        // the box mean is only an estimate of a DCT-scaled pixel at hard edges: judge the scaled decodes by the mean
        if ((shrink == 1 && worst > VERIFY_MAX_CHANNEL_DIFFERENCE)
                || meanDifference > VERIFY_MAX_MEAN_DIFFERENCE * shrink) {
            return String.format(java.util.Locale.ROOT, "mean difference %.2f, largest %d", meanDifference, worst);
        }
        return null;
    }
}
