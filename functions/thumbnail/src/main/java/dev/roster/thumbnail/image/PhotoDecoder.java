package dev.roster.thumbnail.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns the bytes of an upload into the one upright, opaque, square image every crop is made from,
 * decoding the file once. In order: sniff the format; read the dimensions from the header and refuse what
 * is over the limits; decode only the crop window (or, for the smart window, the whole photo), shrunk on load to no less than three times the
 * largest crop; flatten transparency onto white; apply the EXIF orientation.
 *
 * <p>A plain JPEG (YCbCr or grey, no colour profile) goes to libvips when it is {@link Libvips.Availability.Loaded
 * loaded}: the whole photo decoded at the largest DCT scale (1/2, 1/4, 1/8) that keeps the square at least
 * three times the largest crop, about four times faster than the JDK's reader. Every other file, and every
 * JPEG libvips refuses, takes the ImageIO path, which decides and says why a file is unusable.
 */
public final class PhotoDecoder {
    public static final String ACCEPTED_FORMATS = "JPEG, PNG, GIF or WebP";
    /**
     * Shrink-on-load stops once the square would drop below this many pixels. Against a filtered reference
     * (every source pixel, then the same Thumbnailator downscale and JPEG encoding), the 500 px crop of a
     * 4000 px photo-like square decimated to 1000 px (2×) scored 32.1 dB PSNR, to 2000 px 37.5 dB:
     * 2× leaves visible aliasing, 3× does not (ShrinkOnLoadQualityTest keeps it so).
     */
    public static final int SHRINK_ON_LOAD_FLOOR_PIXELS = 3 * CropSpec.LARGEST_PIXELS;

    static final String DAMAGED =
            "the photo could not be read (the file is damaged or incomplete); please upload it again";

    static {
        ImageIO.setUseCache(false); // decode from memory; never spill to a temp file
        // TwelveMonkeys' JPEG (CMYK/YCCK) and WebP readers, found with this class's loader: ImageIO's own scan
        // uses the context class loader, which in a Lambda runtime need not be the one holding lib/*.jar
        IIORegistry.getDefaultInstance()
                .registerServiceProviders(ServiceLoader.load(ImageReaderSpi.class, PhotoDecoder.class.getClassLoader())
                        .iterator());
    }

    static final String JDK_JPEG_READER_SPI = "com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi";
    /**
     * libjpeg's JPEG_MAX_DIMENSION: the JDK's reader fails on a longer side before it reports any size, so such
     * a file goes to TwelveMonkeys, whose header the size limits then refuse with the size as the reason.
     */
    static final int JDK_JPEG_MAX_SIDE_PIXELS = 65_500;

    private final PhotoLimits limits;
    private final Libvips.Availability nativeJpeg;

    /** ImageIO only. */
    public PhotoDecoder(PhotoLimits limits) {
        this(limits, new Libvips.Availability.Unavailable("not asked for"));
    }

    public PhotoDecoder(PhotoLimits limits, Libvips.Availability nativeJpeg) {
        this.limits = limits;
        this.nativeJpeg = nativeJpeg;
    }

    /** Whether plain JPEGs are decoded by libvips, or why not. */
    public Libvips.Availability nativeJpeg() {
        return nativeJpeg;
    }

    /** Which library decoded the pixels. */
    public enum Decoder {
        LIBVIPS,
        IMAGEIO
    }

    /**
     * The upright square every crop is cut from, the photo's upright size, where the square lies in it, and
     * which library decoded it.
     */
    public record SourcePhoto(
            BufferedImage square, int width, int height, ImageFormat format, CropWindow window, Decoder decodedBy) {}

    /** The centre square (the geometric default). */
    public SourcePhoto decode(byte[] bytes) throws UnusablePhotoException {
        return decode(bytes, CropChoice.CENTRE);
    }

    /**
     * The square {@code choice} picks. A window known from geometry (centre, focal point) is the only region
     * decoded; the smart window needs the whole photo, decoded at the same shrink-on-load step, searched on
     * a small grid, then cut.
     */
    public SourcePhoto decode(byte[] bytes, CropChoice choice) throws UnusablePhotoException {
        ImageFormat format = ImageFormat.sniff(bytes);
        if (!format.accepted()) {
            throw new UnusablePhotoException(
                    format == ImageFormat.UNKNOWN
                            ? "the file is not a photo; please upload a " + ACCEPTED_FORMATS
                            : format.displayName() + " files are not supported; please upload a " + ACCEPTED_FORMATS);
        }
        if (format == ImageFormat.JPEG && nativeJpeg instanceof Libvips.Availability.Loaded loaded) {
            Optional<SourcePhoto> decoded = decodeNatively(loaded.libvips(), bytes, choice);
            if (decoded.isPresent()) {
                return decoded.get();
            }
        }
        ImageReader reader = readerFor(format, bytes);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int storedWidth = reader.getWidth(0);
            int storedHeight = reader.getHeight(0);
            var refused = limits.checkPixels(storedWidth, storedHeight);
            if (refused.isPresent()) {
                throw new UnusablePhotoException(refused.get());
            }
            Orientation orientation = ExifOrientation.of(format, bytes);
            int width = orientation.swapsAxes() ? storedHeight : storedWidth;
            int height = orientation.swapsAxes() ? storedWidth : storedHeight;
            int step = CentreSquare.of(width, height).subsamplingFor(SHRINK_ON_LOAD_FLOOR_PIXELS);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            var geometric = choice.byGeometry(width, height);
            CropWindow window;
            BufferedImage storedSquare;
            if (geometric.isPresent()) {
                window = geometric.get();
                CropWindow region = window.stored(orientation, storedWidth, storedHeight);
                param.setSourceRegion(new Rectangle(region.x(), region.y(), region.side(), region.side()));
                BufferedImage decoded = reader.read(0, param);
                CentreSquare square = CentreSquare.of(decoded.getWidth(), decoded.getHeight());
                storedSquare = opaqueSquare(decoded, square.x(), square.y(), square.side());
            } else {
                BufferedImage decoded = reader.read(0, param);
                window = SalientRegion.find(decoded, orientation, width, height);
                storedSquare = windowOf(decoded, window.stored(orientation, storedWidth, storedHeight), step);
            }
            if (warnings.stream().anyMatch(PhotoDecoder::meansIncomplete)) {
                // the reader filled the missing rows with grey rather than failing
                throw new UnusablePhotoException(DAMAGED, new IOException(String.join("; ", warnings)));
            }
            return new SourcePhoto(
                    orientation.applyToSquare(storedSquare), width, height, format, window, Decoder.IMAGEIO);
        } catch (IOException | RuntimeException e) {
            // a reader's way of saying "bad data" ranges from IIOException to IndexOutOfBounds; none is retryable
            throw new UnusablePhotoException(DAMAGED, e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * The photo decoded by libvips, or empty for the ImageIO path: a JPEG that is not plain, is over the
     * limits (ImageIO's path refuses it with the reason), or that libvips refuses (damaged, a libjpeg warning).
     */
    private Optional<SourcePhoto> decodeNatively(Libvips libvips, byte[] bytes, CropChoice choice) {
        Optional<JpegHeader> header = JpegHeader.read(bytes).filter(JpegHeader::plain);
        if (header.isEmpty()
                || limits.checkPixels(header.get().width(), header.get().height())
                        .isPresent()) {
            return Optional.empty();
        }
        int storedWidth = header.get().width();
        int storedHeight = header.get().height();
        Orientation orientation = ExifOrientation.of(ImageFormat.JPEG, bytes);
        int width = orientation.swapsAxes() ? storedHeight : storedWidth;
        int height = orientation.swapsAxes() ? storedWidth : storedHeight;
        int shrink = Libvips.shrinkFor(Math.min(width, height), SHRINK_ON_LOAD_FLOOR_PIXELS);
        var geometric = choice.byGeometry(width, height);
        CropWindow window;
        BufferedImage storedSquare;
        try {
            if (geometric.isPresent()) {
                // only the window's square leaves libvips, as only the window is decoded on the ImageIO path
                window = geometric.get();
                storedSquare = libvips.decodeJpeg(
                        bytes,
                        storedWidth,
                        storedHeight,
                        shrink,
                        squareOf(
                                storedWidth / shrink,
                                storedHeight / shrink,
                                window.stored(orientation, storedWidth, storedHeight),
                                shrink));
            } else {
                BufferedImage decoded = libvips.decodeJpeg(bytes, storedWidth, storedHeight, shrink);
                window = SalientRegion.find(decoded, orientation, width, height);
                storedSquare = windowOf(decoded, window.stored(orientation, storedWidth, storedHeight), shrink);
            }
        } catch (Libvips.Refused e) {
            return Optional.empty();
        }
        return Optional.of(new SourcePhoto(
                orientation.applyToSquare(storedSquare), width, height, ImageFormat.JPEG, window, Decoder.LIBVIPS));
    }

    /**
     * The whole photo, upright and opaque, decoded at the largest shrink-on-load step that keeps its long side
     * at least {@code longSide} pixels (the owner's preview; the crops never read it). For bytes
     * {@link #decode} has accepted: the same decoder, format and limits.
     */
    public BufferedImage wholeUpright(byte[] bytes, int longSide) throws UnusablePhotoException {
        ImageFormat format = ImageFormat.sniff(bytes);
        Orientation orientation = ExifOrientation.of(format, bytes);
        Optional<JpegHeader> plain =
                format == ImageFormat.JPEG ? JpegHeader.read(bytes).filter(JpegHeader::plain) : Optional.empty();
        if (plain.isPresent() && nativeJpeg instanceof Libvips.Availability.Loaded loaded) {
            int width = plain.get().width();
            int height = plain.get().height();
            try {
                return upright(
                        loaded.libvips()
                                .decodeJpeg(bytes, width, height, Libvips.shrinkFor(Math.max(width, height), longSide)),
                        orientation);
            } catch (Libvips.Refused e) {
                // the ImageIO path below, as for the crops
            }
        }
        ImageReader reader = readerFor(format, bytes);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int step = Math.max(1, Math.max(reader.getWidth(0), reader.getHeight(0)) / longSide);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            return upright(reader.read(0, param), orientation);
        } catch (IOException | RuntimeException e) {
            throw new UnusablePhotoException(DAMAGED, e);
        } finally {
            reader.dispose();
        }
    }

    /** The stored image turned upright, flattened onto white as {@code TYPE_INT_RGB}. */
    private static BufferedImage upright(BufferedImage stored, Orientation orientation) {
        BufferedImage opaque = new BufferedImage(stored.getWidth(), stored.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = opaque.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, stored.getWidth(), stored.getHeight());
        g.drawImage(stored, 0, 0, null);
        g.dispose();
        if (orientation == Orientation.NORMAL) {
            return opaque;
        }
        int width = orientation.swapsAxes() ? opaque.getHeight() : opaque.getWidth();
        int height = orientation.swapsAxes() ? opaque.getWidth() : opaque.getHeight();
        BufferedImage turned = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] at = orientation.storedPixel(x, y, opaque.getWidth(), opaque.getHeight());
                turned.setRGB(x, y, opaque.getRGB(at[0], at[1]));
            }
        }
        return turned;
    }

    /**
     * The window's square, cut from a whole photo decoded at 1/{@code step} of its stored size (the window is in
     * stored pixels; the side is the decoded photo's shorter side).
     */
    private static BufferedImage windowOf(BufferedImage decoded, CropWindow storedWindow, int step) {
        Rectangle square = squareOf(decoded.getWidth(), decoded.getHeight(), storedWindow, step);
        return opaqueSquare(decoded, square.x, square.y, square.width);
    }

    /** Where the window's square lies in a photo decoded at 1/{@code step}, {@code width × height} pixels. */
    private static Rectangle squareOf(int width, int height, CropWindow storedWindow, int step) {
        int side = Math.min(width, height);
        return new Rectangle(
                Math.clamp(Math.round(storedWindow.x() / (double) step), 0, width - side),
                Math.clamp(Math.round(storedWindow.y() / (double) step), 0, height - side),
                side,
                side);
    }

    /**
     * Readers report a cut-off file as a warning and return what they have. Other warnings (a CMYK file
     * without an ICC profile, extraneous bytes before a marker) describe files that display fine.
     */
    static boolean meansIncomplete(String warning) {
        String lower = warning.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("truncated") || lower.contains("premature end");
    }

    /**
     * The reader for these bytes. A plain JPEG (YCbCr or grey, no colour profile, no Adobe segment) goes to
     * the JDK's own reader: TwelveMonkeys would hand it the same decode, after scanning the whole file's
     * segments in Java first (best of 12 decodes of a 24 MP photo here: 208 ms instead of 237). Everything
     * else gets the reader ImageIO picks, TwelveMonkeys for JPEG and WebP.
     */
    static ImageReader readerFor(ImageFormat format, byte[] bytes) {
        if (format == ImageFormat.JPEG
                && JpegHeader.read(bytes)
                        .map(header -> header.plain() && header.longestSide() <= JDK_JPEG_MAX_SIDE_PIXELS)
                        .orElse(false)) {
            Iterator<ImageReaderSpi> jdk = IIORegistry.getDefaultInstance()
                    .getServiceProviders(
                            ImageReaderSpi.class,
                            spi -> spi.getClass().getName().equals(JDK_JPEG_READER_SPI),
                            false);
            if (jdk.hasNext()) {
                try {
                    return jdk.next().createReaderInstance();
                } catch (IOException e) {
                    // fall through to the reader ImageIO picks
                }
            }
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format + " on the class path");
        }
        return readers.next();
    }

    /**
     * Draws the {@code side}-pixel square at {@code (x, y)} of the decoded image onto white
     * {@code TYPE_INT_RGB}: flattens transparency (black otherwise), expands palettes and 16-bit samples.
     * An opaque 3-byte BGR image that is exactly that square (every plain JPEG decoded by region) is already
     * all that: it is kept, which saves a copy of the square (16 MB and ~5 ms for a 24 MP photo). So is any
     * {@code TYPE_INT_RGB} image (libvips's decodes): the square is a view of its pixels, no copy.
     */
    static BufferedImage opaqueSquare(BufferedImage decoded, int x, int y, int side) {
        if (decoded.getType() == BufferedImage.TYPE_INT_RGB) {
            return x == 0 && y == 0 && decoded.getWidth() == side && decoded.getHeight() == side
                    ? decoded
                    : decoded.getSubimage(x, y, side, side);
        }
        if (decoded.getType() == BufferedImage.TYPE_3BYTE_BGR
                && x == 0
                && y == 0
                && decoded.getWidth() == side
                && decoded.getHeight() == side) {
            return decoded;
        }
        BufferedImage rgb = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, side, side);
            g.drawImage(decoded, -x, -y, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
