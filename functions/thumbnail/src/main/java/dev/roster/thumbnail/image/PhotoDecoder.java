package dev.roster.thumbnail.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Turns the bytes of an upload into the one upright, opaque, square image every crop is made from,
 * decoding the file once. In order: sniff the format; read the dimensions from the header and refuse what
 * is over the limits; decode only the centre square, shrunk on load to no less than three times the
 * largest crop; flatten transparency onto white; apply the EXIF orientation.
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
    static final String DAMAGED = "the photo could not be read (the file is damaged or incomplete); please upload it again";

    static {
        ImageIO.setUseCache(false); // decode from memory; never spill to a temp file
        // TwelveMonkeys' JPEG (CMYK/YCCK) and WebP readers, found with this class's loader: ImageIO's own scan
        // uses the context class loader, which in a Lambda runtime need not be the one holding lib/*.jar
        IIORegistry.getDefaultInstance().registerServiceProviders(
                ServiceLoader.load(ImageReaderSpi.class, PhotoDecoder.class.getClassLoader()).iterator());
    }

    static final String JDK_JPEG_READER_SPI = "com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi";

    private final PhotoLimits limits;

    public PhotoDecoder(PhotoLimits limits) {
        this.limits = limits;
    }

    /** The upright centre square of the photo, and the photo's upright size. */
    public record SourcePhoto(BufferedImage square, int width, int height, ImageFormat format) {
    }

    public SourcePhoto decode(byte[] bytes) throws UnusablePhotoException {
        ImageFormat format = ImageFormat.sniff(bytes);
        if (!format.accepted()) {
            throw new UnusablePhotoException(format == ImageFormat.UNKNOWN
                    ? "the file is not a photo; please upload a " + ACCEPTED_FORMATS
                    : format.displayName() + " files are not supported; please upload a " + ACCEPTED_FORMATS);
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
            CentreSquare square = CentreSquare.of(storedWidth, storedHeight);
            int step = square.subsamplingFor(SHRINK_ON_LOAD_FLOOR_PIXELS);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceRegion(new Rectangle(square.x(), square.y(), square.side(), square.side()));
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage decoded = reader.read(0, param);
            if (warnings.stream().anyMatch(PhotoDecoder::meansIncomplete)) {
                // the reader filled the missing rows with grey rather than failing
                throw new UnusablePhotoException(DAMAGED, new IOException(String.join("; ", warnings)));
            }
            Orientation orientation = ExifOrientation.of(format, bytes);
            BufferedImage upright = orientation.applyToSquare(opaqueSquare(decoded, square.side(), step));
            return orientation.swapsAxes()
                    ? new SourcePhoto(upright, storedHeight, storedWidth, format)
                    : new SourcePhoto(upright, storedWidth, storedHeight, format);
        } catch (IOException | RuntimeException e) {
            // a reader's way of saying "bad data" ranges from IIOException to IndexOutOfBounds; none is retryable
            throw new UnusablePhotoException(DAMAGED, e);
        } finally {
            reader.dispose();
        }
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
     * segments in Java first (~30 ms of a 24 MP photo, measured with bench/thumbnails). Everything else gets
     * the reader ImageIO picks, TwelveMonkeys for JPEG and WebP.
     */
    static ImageReader readerFor(ImageFormat format, byte[] bytes) {
        if (format == ImageFormat.JPEG && JpegHeader.read(bytes).map(JpegHeader::plain).orElse(false)) {
            Iterator<ImageReaderSpi> jdk = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class,
                    spi -> spi.getClass().getName().equals(JDK_JPEG_READER_SPI), false);
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
     * Draws the decoded image onto white {@code TYPE_INT_RGB}: flattens transparency (black otherwise),
     * expands palettes and 16-bit samples, and crops to the centre square if a reader ignored the region.
     * An opaque 3-byte BGR image of the expected square (every plain JPEG) is already all that: it is kept,
     * which saves a copy of the square (16 MB and ~5 ms for a 24 MP photo).
     */
    static BufferedImage opaqueSquare(BufferedImage decoded, int storedSide, int step) {
        int expected = (storedSide + step - 1) / step;
        if (decoded.getType() == BufferedImage.TYPE_3BYTE_BGR
                && decoded.getWidth() == expected && decoded.getHeight() == expected) {
            return decoded;
        }
        CentreSquare square = CentreSquare.of(decoded.getWidth(), decoded.getHeight());
        BufferedImage rgb = new BufferedImage(square.side(), square.side(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, square.side(), square.side());
            g.drawImage(decoded, -square.x(), -square.y(), null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
