package dev.roster.thumbnail.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Progressive JPEG with no metadata of the source: nothing but the JDK writer's own JFIF header, or none from
 * libvips, is written (no EXIF, no GPS, no camera serial numbers). Encoded by libvips (libjpeg-turbo, SIMD) where it is loaded and its
 * encoding passed a check against the JDK's writer at init ({@link #of}); by the JDK's writer everywhere else
 * and for any crop libvips refuses. Both write the same format: libjpeg's standard tables at the same quality,
 * progressive, 4:2:0 chroma.
 */
public final class JpegEncoder {
    public static final double DEFAULT_QUALITY = 0.86;
    /**
     * The check's margin: libvips's round trip of the verification image may be this much below the JDK writer's
     * (PSNR against the drawn pixels; different DCT rounding). Wrong tables, channels or rows are far below.
     */
    static final double VERIFY_MAX_PSNR_LOSS_DB = 1.0;
    /** The check's tolerance on size: the two writers' files of the verification image differ by a few percent. */
    static final double VERIFY_MAX_SIZE_RATIO = 1.25;

    private final float quality;
    private final Libvips libvips;
    private final String imageIoOnly;

    /** The JDK's writer only. */
    public JpegEncoder(double quality) {
        this(quality, null, "not asked for");
    }

    private JpegEncoder(double quality, Libvips libvips, String imageIoOnly) {
        if (!(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException("JPEG quality must be in (0, 1], was " + quality);
        }
        this.quality = (float) quality;
        this.libvips = libvips;
        this.imageIoOnly = imageIoOnly;
    }

    /** libvips when it is loaded and encodes the verification image as the JDK's writer does; the JDK's writer otherwise. */
    public static JpegEncoder of(double quality, Libvips.Availability libvips) {
        return switch (libvips) {
            case Libvips.Availability.Unavailable u -> new JpegEncoder(quality, null, "no libvips: " + u.reason());
            case Libvips.Availability.Loaded loaded -> {
                JpegEncoder candidate = new JpegEncoder(quality, loaded.libvips(), null);
                String mismatch = candidate.verify();
                yield mismatch == null
                        ? candidate
                        : new JpegEncoder(
                                quality,
                                null,
                                "libvips " + loaded.libvips().version() + " failed the JPEG check: " + mismatch);
            }
        };
    }

    /** Why the crops are encoded by the JDK's writer, or empty when libvips encodes them. */
    public Optional<String> imageIoOnly() {
        return Optional.ofNullable(imageIoOnly);
    }

    public byte[] encode(BufferedImage rgb) {
        if (libvips != null) {
            try {
                return libvips.encodeJpeg(Libvips.Pixels.rgb(rgb), libjpegQuality());
            } catch (Libvips.Refused e) {
                // the JDK's writer below makes the same crop
            }
        }
        return encodeWithImageIo(rgb);
    }

    /** The JDK's writer: quality {@code q} scales libjpeg's standard tables as libjpeg's quality {@code 100 q} does. */
    byte[] encodeWithImageIo(BufferedImage rgb) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rgb.getWidth() * rgb.getHeight() / 4);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.setOutput(out);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a JPEG in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private int libjpegQuality() {
        return Math.clamp(Math.round(quality * 100), 1, 100);
    }

    /**
     * Null when libvips's JPEG of a known image (gradient, hard edges) has the JDK writer's frame (progressive,
     * the same sampling) and no application segment, reads back through ImageIO at the same size and close
     * to the original as the JDK writer's, and is about as large; otherwise what differed.
     */
    String verify() {
        BufferedImage drawn = Libvips.verificationImage();
        try {
            byte[] reference = encodeWithImageIo(drawn);
            byte[] jpeg = libvips.encodeJpeg(Libvips.Pixels.rgb(drawn), libjpegQuality());
            // libvips writes no JFIF segment with keep=none (a three-component JPEG is YCbCr either way); any
            // other application segment would be metadata
            String frame = frame(jpeg);
            String expected = frame(reference).replace("APP0 ", "");
            if (!frame.equals(expected)) {
                return "frame " + frame + ", expected " + expected;
            }
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (decoded == null || decoded.getWidth() != 96 || decoded.getHeight() != 64) {
                return "the JPEG does not read back as 96×64";
            }
            double psnr = WebpEncoder.psnr(drawn, decoded);
            double expectedPsnr = WebpEncoder.psnr(drawn, ImageIO.read(new ByteArrayInputStream(reference)));
            double ratio = jpeg.length / (double) reference.length;
            if (psnr < expectedPsnr - VERIFY_MAX_PSNR_LOSS_DB
                    || ratio > VERIFY_MAX_SIZE_RATIO
                    || ratio < 1 / VERIFY_MAX_SIZE_RATIO) {
                return String.format(
                        Locale.ROOT,
                        "reads back at %.1f dB PSNR against the JDK writer's %.1f, %d bytes against its %d",
                        psnr,
                        expectedPsnr,
                        jpeg.length,
                        reference.length);
            }
            return null;
        } catch (Libvips.Refused | IOException | RuntimeException e) {
            return "encoding or reading the verification JPEG failed: " + e.getMessage();
        }
    }

    /**
     * The segments before the first scan, as marker names, and the frame's component sampling factors:
     * {@code APP0 DQT SOF2(22,11,11) DHT}, with runs of the same table marker counted once. A file whose
     * segments do not parse gives {@code malformed}.
     */
    static String frame(byte[] jpeg) {
        StringBuilder out = new StringBuilder();
        String last = "";
        int offset = 2;
        while (offset + 4 <= jpeg.length && (jpeg[offset] & 0xFF) == 0xFF) {
            int marker = jpeg[offset + 1] & 0xFF;
            if (marker == 0xDA) {
                return out.toString().strip();
            }
            int length = ((jpeg[offset + 2] & 0xFF) << 8) | (jpeg[offset + 3] & 0xFF);
            int body = offset + 4;
            if (length < 2 || body + length - 2 > jpeg.length) {
                break;
            }
            String name;
            if (marker >= 0xE0 && marker <= 0xEF) {
                name = "APP" + (marker - 0xE0);
            } else if (marker == 0xDB) {
                name = "DQT";
            } else if (marker == 0xC4) {
                name = "DHT";
            } else if (marker >= 0xC0 && marker <= 0xCF && length >= 8) {
                int components = jpeg[body + 5] & 0xFF;
                StringBuilder sampling = new StringBuilder();
                for (int c = 0; c < components && body + 6 + 3 * c + 1 < jpeg.length; c++) {
                    sampling.append(c == 0 ? "" : ",")
                            .append(String.format(Locale.ROOT, "%02x", jpeg[body + 7 + 3 * c] & 0xFF));
                }
                name = "SOF" + (marker - 0xC0) + "(" + sampling + ")";
            } else {
                name = String.format(Locale.ROOT, "%02X", marker);
            }
            if (!name.equals(last)) {
                out.append(name).append(' ');
                last = name;
            }
            offset = body + length - 2;
        }
        return "malformed";
    }
}
