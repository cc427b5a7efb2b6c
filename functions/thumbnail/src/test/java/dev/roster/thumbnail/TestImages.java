package dev.roster.thumbnail;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/** Test photos made in the test (no binaries committed, except the few in resources/photos that ImageIO cannot write). */
public final class TestImages {
    public static final Color RED = new Color(255, 0, 0);
    public static final Color GREEN = new Color(0, 255, 0);
    public static final Color BLUE = new Color(0, 0, 255);
    public static final Color YELLOW = new Color(255, 255, 0);

    private TestImages() {}

    /** Four flat quadrants: red top-left, green top-right, blue bottom-left, yellow bottom-right. */
    public static BufferedImage quadrants(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        int cx = width / 2;
        int cy = height / 2;
        fill(g, RED, 0, 0, cx, cy);
        fill(g, GREEN, cx, 0, width - cx, cy);
        fill(g, BLUE, 0, cy, cx, height - cy);
        fill(g, YELLOW, cx, cy, width - cx, height - cy);
        g.dispose();
        return image;
    }

    /**
     * Natural-image statistics without a photograph: fractal value noise (octaves of smoothly interpolated random
     * grids, each half the amplitude of the one before, so the spectrum falls like 1/f as in photographs), luma
     * carrying most of it and chroma varying slowly, with a few hard-edged shapes. For comparing lossy encoders,
     * where {@link #photoLike}'s periodic high-frequency blue channel would judge them on noise.
     */
    public static BufferedImage naturalLike(int width, int height, long seed) {
        java.util.Random random = new java.util.Random(seed);
        double[] luma = fractalNoise(width, height, 6, random);
        double[] warm = fractalNoise(width, height, 3, random);
        double[] cool = fractalNoise(width, height, 3, random);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                double l = 40 + 180 * luma[i];
                int r = clamp(l + 50 * (warm[i] - 0.5));
                int g = clamp(l - 15 * (warm[i] - 0.5) - 15 * (cool[i] - 0.5));
                int b = clamp(l + 50 * (cool[i] - 0.5));
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        for (int shape = 0; shape < 6; shape++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            int side = Math.max(8, Math.min(width, height) / (4 + random.nextInt(8)));
            g.fillOval(random.nextInt(width), random.nextInt(height), side, side * 2 / 3);
        }
        g.dispose();
        return image;
    }

    /** Sum of {@code octaves} bilinearly interpolated random grids, 4, 8, 16 … cells across; values 0..1. */
    private static double[] fractalNoise(int width, int height, int octaves, java.util.Random random) {
        double[] sum = new double[width * height];
        double amplitude = 1;
        double total = 0;
        for (int octave = 0, cells = 4; octave < octaves; octave++, cells *= 2, amplitude /= 2) {
            double[][] grid = new double[cells + 1][cells + 1];
            for (double[] row : grid) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = random.nextDouble();
                }
            }
            for (int y = 0; y < height; y++) {
                double gy = y * (double) cells / height;
                int y0 = (int) gy;
                double fy = gy - y0;
                for (int x = 0; x < width; x++) {
                    double gx = x * (double) cells / width;
                    int x0 = (int) gx;
                    double fx = gx - x0;
                    double top = grid[y0][x0] * (1 - fx) + grid[y0][x0 + 1] * fx;
                    double bottom = grid[y0 + 1][x0] * (1 - fx) + grid[y0 + 1][x0 + 1] * fx;
                    sum[y * width + x] += amplitude * (top * (1 - fy) + bottom * fy);
                }
            }
            total += amplitude;
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= total;
        }
        return sum;
    }

    /** Something photo-like: smooth gradients and some detail, so JPEG sizes are realistic. */
    public static BufferedImage photoLike(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (int) (127 + 120 * Math.sin(x / 97.0) * Math.cos(y / 131.0));
                int g = (int) (127 + 100 * Math.sin((x + y) / 53.0));
                int b = (x * 7 + y * 13 + ((x * y) % 29)) & 0xFF;
                row[x] = r << 16 | g << 8 | b;
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    public static byte[] jpeg(BufferedImage image) {
        return write(image, "jpeg");
    }

    public static byte[] png(BufferedImage image) {
        return write(image, "png");
    }

    public static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] progressiveJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A GIF of several frames, one flat colour each. */
    public static byte[] animatedGif(int width, int height, Color... frames) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (Color colour : frames) {
                BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
                Graphics2D g = frame.createGraphics();
                fill(g, colour, 0, 0, width, height);
                g.dispose();
                IIOMetadata metadata =
                        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
                writer.writeToSequence(new IIOImage(frame, null, metadata), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * The JPEG with an EXIF segment (APP1) right after SOI: IFD0 holds the orientation and a GPS IFD
     * pointer with a latitude, like a phone photo's.
     */
    public static byte[] withExif(byte[] jpeg, int orientation) {
        byte[] body = exifTiff(orientation);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        int length = 2 + 6 + body.length;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The PNG with an {@code eXIf} chunk (the same TIFF structure as {@link #withExif}) right after IHDR. */
    public static byte[] withPngExif(byte[] png, int orientation) {
        byte[] tiff = exifTiff(orientation);
        ByteBuffer chunk = ByteBuffer.allocate(4 + 4 + tiff.length + 4);
        chunk.putInt(tiff.length)
                .put("eXIf".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put(tiff);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + tiff.length);
        chunk.putInt((int) crc.getValue());
        int afterIhdr = 8 + 4 + 4 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        out.writeBytes(chunk.array());
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    /** EXIF as a phone writes it: IFD0 with the orientation and a GPS IFD pointer, a latitude in the GPS IFD. */
    private static byte[] exifTiff(int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4 + 2 + 12 + 4 + 24);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        int gpsIfd = 8 + 2 + 2 * 12 + 4;
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsIfd);
        tiff.putInt(0);
        tiff.putShort((short) 1); // GPS IFD: GPSLatitude, 3 rationals
        int latitude = gpsIfd + 2 + 12 + 4;
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(latitude);
        tiff.putInt(0);
        tiff.putInt(51).putInt(1).putInt(30).putInt(1).putInt(26).putInt(1);
        return tiff.array();
    }

    /** The marker bytes of a JPEG's segments, from SOI up to and including the first SOS. */
    public static List<Integer> jpegMarkers(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        markers.add(jpeg[1] & 0xFF);
        int offset = 2;
        while (offset + 4 <= jpeg.length) {
            int marker = jpeg[offset + 1] & 0xFF;
            markers.add(marker);
            if (marker == 0xDA) {
                break;
            }
            offset += 2 + ((jpeg[offset + 2] & 0xFF) << 8 | jpeg[offset + 3] & 0xFF);
        }
        return markers;
    }

    /**
     * A PNG that is only a signature and an IHDR chunk claiming {@code width × height} pixels: what a
     * decompression bomb looks like to a header check (the pixels never come).
     */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(4 + 13);
        ihdr.put("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ihdr.putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }

    /**
     * The same picture as a YCCK JPEG (Adobe transform 2, as Photoshop writes CMYK), made from an Adobe CMYK
     * JPEG: the JDK codec reads the raw (inverted) CMYK samples, they are turned into YCC + K the way libjpeg
     * does, and the JDK writer writes that raster as it is under an Adobe marker saying YCCK.
     */
    public static byte[] ycckFromAdobeCmyk(byte[] cmykJpeg) {
        ImageReader reader = jdkCodec(ImageIO.getImageReadersByFormatName("jpeg"));
        ImageWriter writer = jdkCodec(ImageIO.getImageWritersByFormatName("jpeg"));
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(cmykJpeg));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            reader.setInput(in);
            Raster stored = reader.readRaster(0, null);
            WritableRaster ycck = stored.createCompatibleWritableRaster();
            int[] p = new int[4];
            for (int y = 0; y < stored.getHeight(); y++) {
                for (int x = 0; x < stored.getWidth(); x++) {
                    stored.getPixel(x, y, p);
                    double r = 255 - p[0];
                    double g = 255 - p[1];
                    double b = 255 - p[2];
                    ycck.setPixel(x, y, new int[] {
                        clamp(0.299 * r + 0.587 * g + 0.114 * b),
                        clamp(-0.168736 * r - 0.331264 * g + 0.5 * b + 128),
                        clamp(0.5 * r - 0.418688 * g - 0.081312 * b + 128),
                        p[3]
                    });
                }
            }
            IIOMetadata metadata = reader.getImageMetadata(0);
            String format = "javax_imageio_jpeg_image_1.0";
            org.w3c.dom.Element root = (org.w3c.dom.Element) metadata.getAsTree(format);
            ((org.w3c.dom.Element) root.getElementsByTagName("app14Adobe").item(0)).setAttribute("transform", "2");
            metadata.setFromTree(format, root);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(ycck, null, metadata), null);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            reader.dispose();
            writer.dispose();
        }
    }

    private static <T> T jdkCodec(java.util.Iterator<T> codecs) {
        while (codecs.hasNext()) {
            T codec = codecs.next();
            if (codec.getClass().getName().startsWith("com.sun.imageio")) {
                return codec;
            }
        }
        throw new IllegalStateException("the JDK's own JPEG codec is not registered");
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }

    public static byte[] resource(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/photos/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource photos/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BufferedImage read(byte[] bytes) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether two colours are within {@code tolerance} per channel (JPEG is lossy). */
    public static boolean near(int rgb, Color expected, int tolerance) {
        return Math.abs((rgb >> 16 & 0xFF) - expected.getRed()) <= tolerance
                && Math.abs((rgb >> 8 & 0xFF) - expected.getGreen()) <= tolerance
                && Math.abs((rgb & 0xFF) - expected.getBlue()) <= tolerance;
    }

    public static String describe(int rgb) {
        return String.format("#%06x", rgb & 0xFFFFFF);
    }

    private static void fill(Graphics2D g, Color colour, int x, int y, int w, int h) {
        g.setColor(colour);
        g.fillRect(x, y, w, h);
    }

    /** Peak signal-to-noise ratio of two images of the same size over their RGB channels, in dB. */
    public static double psnr(BufferedImage a, BufferedImage b) {
        return dev.roster.thumbnail.image.WebpEncoder.psnr(a, b);
    }
}
