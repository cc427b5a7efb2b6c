package dev.roster.thumbnail;

import dev.roster.thumbnail.image.Cropper;
import dev.roster.thumbnail.image.JpegEncoder;
import dev.roster.thumbnail.image.Libvips;
import dev.roster.thumbnail.image.PhotoDecoder;
import dev.roster.thumbnail.image.PhotoLimits;
import dev.roster.thumbnail.image.WebpEncoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Benchmark, not a test: the image work of one upload (decode once, four crops encoded once each,
 * ThumbHash placeholder, dominant colour; no AWS), one photo at a time, after warm-up, in one JVM. Run it
 * with {@code bench/thumbnails FILE…}; for each file it prints one JSON line:
 * <pre>{"file","decoder","width","height","median_ms","p90_ms","runs","peak_heap_mb","decode_median_ms",
 * "encode_jpeg_median_ms","scale_median_ms","jpeg_encoder","encode_webp_median_ms","source_bytes","crops_bytes"}</pre>
 * {@code peak_heap_mb} is the sum of the heap pools' peaks over the measured runs (after a GC that leaves
 * only the JVM and the source bytes): it counts garbage not yet collected, so it is an upper bound; the
 * hard check is that the script runs with {@code -Xmx256m}. {@code decode_median_ms} is the decode alone
 * (sniff, header checks, shrink-on-load, orientation), measured in separate runs; {@code encode_jpeg_median_ms}
 * the four crops' JPEG encodings alone (by {@code jpeg_encoder}: libvips with the native decoder when its check
 * passes, else ImageIO); {@code scale_median_ms} is what remains of {@code median_ms} (the resizes, the ThumbHash
 * and the colour). {@code encode_webp_median_ms} is the four WebP twins the function also makes where libvips
 * is loaded ({@code null} without it); it is outside {@code median_ms}, as sharp's script makes no WebP. {@code crops_bytes} is what
 * the four crops of one photo add to the photos bucket (and to a reader's transfer, at most).
 * <p>
 * {@code ThumbnailBench make DIR} writes the default inputs: photo-like 2, 12 and 24 MP JPEGs (quality
 * 90, 4:2:0, as cameras write them) and a 2000×2000 PNG, so no large binaries live in the repository.
 * Options before the files: {@code --warmup N} (default 5), {@code --runs N} (default 15), {@code --decoder
 * libvips|imageio} (default: the function's, libvips for plain JPEGs when it loads; the JSON line's
 * {@code decoder} says which ran).
 */
public final class ThumbnailBench {
    private ThumbnailBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("make")) {
            make(Path.of(args[1]));
            return;
        }
        int warmup = 5;
        int runs = 15;
        boolean nativeJpeg = true;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--decoder" ->
                    nativeJpeg = switch (args[++i]) {
                        case "libvips" -> true;
                        case "imageio" -> false;
                        default ->
                            throw new IllegalArgumentException("--decoder is libvips or imageio, not " + args[i]);
                    };
                default -> files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty() || runs < 1) {
            System.err.println(
                    "usage: ThumbnailBench [--warmup N] [--runs N] [--decoder libvips|imageio] FILE... | make DIR");
            System.exit(2);
        }
        PhotoDecoder decoder = nativeJpeg
                ? new PhotoDecoder(PhotoLimits.defaults(), Libvips.shared())
                : new PhotoDecoder(PhotoLimits.defaults());
        if (nativeJpeg && decoder.nativeJpeg() instanceof Libvips.Availability.Unavailable unavailable) {
            System.err.println("libvips unavailable, measuring ImageIO: " + unavailable.reason());
        }
        JpegEncoder encoder = nativeJpeg
                ? JpegEncoder.of(JpegEncoder.DEFAULT_QUALITY, decoder.nativeJpeg())
                : new JpegEncoder(JpegEncoder.DEFAULT_QUALITY);
        if (nativeJpeg && encoder.imageIoOnly().isPresent()) {
            System.err.println(
                    "crops encoded by ImageIO: " + encoder.imageIoOnly().get());
        }
        WebpEncoder webp = WebpEncoder.of(decoder.nativeJpeg());
        for (Path file : files) {
            System.out.println(measure(decoder, encoder, webp, file, warmup, runs));
        }
    }

    static String measure(PhotoDecoder decoder, JpegEncoder encoder, WebpEncoder webp, Path file, int warmup, int runs)
            throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int[] size = storedSize(bytes);
        Cropper cropper = new Cropper(encoder);
        for (int i = 0; i < warmup; i++) {
            cropper.crop(decoder.decode(bytes));
        }
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        double[] millis = new double[runs];
        long cropBytes = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Cropper.Crops crops = cropper.crop(decoder.decode(bytes));
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (crops.crops().size() != 4) {
                throw new IllegalStateException(
                        "expected four crops, got " + crops.crops().size());
            }
            cropBytes =
                    crops.crops().stream().mapToLong(crop -> crop.jpeg().length).sum();
        }
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
        double[] decodeMillis = new double[runs];
        PhotoDecoder.Decoder decodedBy = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            decodedBy = decoder.decode(bytes).decodedBy();
            decodeMillis[i] = (System.nanoTime() - start) / 1e6;
        }
        // the rest of the breakdown, each part alone on the crops of the last run: the four JPEG encodings (inside
        // median_ms), the WebP twins (not inside: sharp's script makes none), the resizes and placeholder (the rest)
        List<Cropper.Crop> made = cropper.crop(decoder.decode(bytes)).crops();
        double[] jpegMillis = new double[runs];
        double[] webpMillis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            made.forEach(crop -> encoder.encode(crop.image()));
            jpegMillis[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            webp.encode(made);
            webpMillis[i] = (System.nanoTime() - start) / 1e6;
        }
        String decoderName = decodedBy == PhotoDecoder.Decoder.LIBVIPS
                        && decoder.nativeJpeg() instanceof Libvips.Availability.Loaded loaded
                ? "libvips " + loaded.libvips().version()
                : "imageio";
        return String.format(
                Locale.ROOT,
                "{\"file\":\"%s\",\"decoder\":\"%s\",\"width\":%d,\"height\":%d,\"median_ms\":%.1f,\"p90_ms\":%.1f,\"runs\":%d,"
                        + "\"peak_heap_mb\":%d,\"decode_median_ms\":%.1f,\"encode_jpeg_median_ms\":%.1f,"
                        + "\"scale_median_ms\":%.1f,\"jpeg_encoder\":\"%s\",\"encode_webp_median_ms\":%s,"
                        + "\"source_bytes\":%d,\"crops_bytes\":%d}",
                file.toString().replace("\\", "\\\\").replace("\"", "\\\""),
                decoderName,
                size[0],
                size[1],
                percentile(millis, 50),
                percentile(millis, 90),
                runs,
                peak >> 20,
                percentile(decodeMillis, 50),
                percentile(jpegMillis, 50),
                percentile(millis, 50) - percentile(decodeMillis, 50) - percentile(jpegMillis, 50),
                encoder.imageIoOnly().isEmpty() ? "libvips" : "imageio",
                webp.unavailable().isEmpty() ? String.format(Locale.ROOT, "%.1f", percentile(webpMillis, 50)) : "null",
                bytes.length,
                cropBytes);
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] values, int percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static int[] storedSize(byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        }
    }

    private static void make(Path dir) throws IOException {
        Files.createDirectories(dir);
        jpeg(TestImages.photoLike(1732, 1155), dir.resolve("photo-2mp.jpg"));
        jpeg(TestImages.photoLike(4000, 3000), dir.resolve("photo-12mp.jpg"));
        jpeg(TestImages.photoLike(6000, 4000), dir.resolve("photo-24mp.jpg"));
        Files.write(dir.resolve("photo-2000x2000.png"), TestImages.png(TestImages.photoLike(2000, 2000)));
    }

    /** Quality 90; the JDK writer's default for three components is 4:2:0 chroma subsampling. */
    private static void jpeg(BufferedImage image, Path target) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(target))) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
