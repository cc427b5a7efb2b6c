package dev.roster.thumbnail.image;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Benchmark, not a test: what WebP saves on the crops, at what quality. Run it with {@code bench/webp FILE…}.
 * Each photo goes through the function's decode and crops; every crop's JPEG (the function's quality) and its
 * WebP at each quality asked for are decoded again and compared with the pixels they were made from (PSNR over
 * R, G, B; SSIM of the luma, 8×8 windows). It prints per crop size the bytes, PSNR and SSIM summed or averaged
 * over the photos, then the bytes of a page of 24 cards (card i shows photo i mod n) at 1x and 2x, JPEG vs WebP
 * at {@link WebpEncoder#QUALITY}, and the median time to encode a photo's four crops as WebP (the function's
 * settings) and as JPEG, after a warm-up, in the same runs.
 * Options before the files: {@code --qualities 70,75,80} (default 70,75,80,85,90), {@code --effort N} (0–6) and
 * {@code --smart-subsample} for the quality table (the page and the time are the function's settings).
 */
public final class WebpBench {
    static final int PAGE_CARDS = 24;
    static final int REPEATS = 5;

    private WebpBench() {}

    public static void main(String[] args) throws Exception {
        int[] qualities = {70, 75, 80, 85, 90};
        int effort = WebpEncoder.EFFORT;
        boolean smartSubsample = WebpEncoder.SETTINGS.smartSubsample();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--qualities" ->
                    qualities = Arrays.stream(args[++i].split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray();
                case "--effort" -> effort = Integer.parseInt(args[++i]);
                case "--smart-subsample" -> smartSubsample = true;
                default -> files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: WebpBench [--qualities 70,75,80] FILE...");
            System.exit(2);
        }
        Libvips libvips = switch (Libvips.shared()) {
            case Libvips.Availability.Loaded loaded -> loaded.libvips();
            case Libvips.Availability.Unavailable u ->
                throw new IllegalStateException("WebP needs libvips: " + u.reason());
        };
        PhotoDecoder decoder = new PhotoDecoder(PhotoLimits.defaults(), Libvips.shared());
        Cropper cropper = new Cropper(new JpegEncoder(JpegEncoder.DEFAULT_QUALITY));
        int sizes = CropSpec.values().length;
        long[] jpegBytes = new long[sizes];
        double[][] jpegScore = new double[sizes][2];
        long[][] webpBytes = new long[qualities.length][sizes];
        double[][][] webpScore = new double[qualities.length][sizes][2];
        List<long[]> perPhoto = new ArrayList<>(); // thumb1x, thumb2x: JPEG, WebP at QUALITY
        List<Double> webpMillis = new ArrayList<>();
        List<Double> jpegMillis = new ArrayList<>();
        JpegEncoder jpegEncoder = new JpegEncoder(JpegEncoder.DEFAULT_QUALITY);
        WebpEncoder chosen = WebpEncoder.of(Libvips.shared());
        for (Path file : files) {
            Cropper.Crops crops = cropper.crop(decoder.decode(Files.readAllBytes(file)));
            for (Cropper.Crop crop : crops.crops()) {
                int s = crop.spec().ordinal();
                jpegBytes[s] += crop.jpeg().length;
                add(jpegScore[s], crop.image(), ImageIO.read(new ByteArrayInputStream(crop.jpeg())));
                for (int q = 0; q < qualities.length; q++) {
                    byte[] webp = libvips.encodeWebp(
                            Libvips.Pixels.rgb(crop.image()),
                            new Libvips.WebpSettings(qualities[q], effort, smartSubsample));
                    webpBytes[q][s] += webp.length;
                    add(webpScore[q][s], crop.image(), readWebp(webp));
                }
            }
            WebpEncoder.Twins twins = chosen.encode(crops.crops()); // warm-up, and the page's bytes
            for (int run = 0; run < REPEATS; run++) {
                long start = System.nanoTime();
                chosen.encode(crops.crops());
                webpMillis.add((System.nanoTime() - start) / 1e6);
                start = System.nanoTime();
                crops.crops().forEach(crop -> jpegEncoder.encode(crop.image()));
                jpegMillis.add((System.nanoTime() - start) / 1e6);
            }
            if (!(twins instanceof WebpEncoder.Twins.Encoded encoded)) {
                throw new IllegalStateException(file + ": " + twins);
            }
            perPhoto.add(new long[] {
                jpegOf(crops, CropSpec.THUMB_1X),
                encoded.webp().get(CropSpec.THUMB_1X).length,
                jpegOf(crops, CropSpec.THUMB_2X),
                encoded.webp().get(CropSpec.THUMB_2X).length
            });
        }
        int n = files.size();
        System.out.printf(
                Locale.ROOT,
                "%d photos; JPEG quality %.2f (ImageIO), WebP effort %d%s (libvips %s)%n",
                n,
                JpegEncoder.DEFAULT_QUALITY,
                effort,
                smartSubsample ? ", smart subsampling" : "",
                libvips.version());
        System.out.printf(
                Locale.ROOT, "%-10s %-8s %10s %8s %8s %8s%n", "crop", "format", "bytes", "÷jpeg", "PSNR", "SSIM");
        for (CropSpec spec : CropSpec.values()) {
            int s = spec.ordinal();
            System.out.printf(
                    Locale.ROOT,
                    "%-10s %-8s %10d %8s %8.2f %8.4f%n",
                    spec,
                    "jpeg",
                    jpegBytes[s],
                    "1.00",
                    jpegScore[s][0] / n,
                    jpegScore[s][1] / n);
            for (int q = 0; q < qualities.length; q++) {
                System.out.printf(
                        Locale.ROOT,
                        "%-10s %-8s %10d %8.2f %8.2f %8.4f%n",
                        spec,
                        "webp q" + qualities[q],
                        webpBytes[q][s],
                        webpBytes[q][s] / (double) jpegBytes[s],
                        webpScore[q][s][0] / n,
                        webpScore[q][s][1] / n);
            }
        }
        long[] page = new long[4];
        for (int card = 0; card < PAGE_CARDS; card++) {
            long[] photo = perPhoto.get(card % n);
            for (int i = 0; i < 4; i++) {
                page[i] += photo[i];
            }
        }
        System.out.printf(
                Locale.ROOT,
                "page of %d cards, 1x (thumb1x): JPEG %d bytes, WebP q%d %d bytes (%.2f)%n",
                PAGE_CARDS,
                page[0],
                WebpEncoder.QUALITY,
                page[1],
                page[1] / (double) page[0]);
        System.out.printf(
                Locale.ROOT,
                "page of %d cards, 2x (thumb2x): JPEG %d bytes, WebP q%d %d bytes (%.2f)%n",
                PAGE_CARDS,
                page[2],
                WebpEncoder.QUALITY,
                page[3],
                page[3] / (double) page[2]);
        System.out.printf(
                Locale.ROOT,
                "encoding a photo's four crops, median of %d runs × %d photos: WebP %.1f ms, JPEG %.1f ms%n",
                REPEATS,
                n,
                median(webpMillis),
                median(jpegMillis));
    }

    private static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static long jpegOf(Cropper.Crops crops, CropSpec spec) {
        return crops.crops().stream()
                .filter(c -> c.spec() == spec)
                .findFirst()
                .orElseThrow()
                .jpeg()
                .length;
    }

    private static void add(double[] score, BufferedImage original, BufferedImage decoded) {
        score[0] += WebpEncoder.psnr(original, decoded);
        score[1] += ssim(original, decoded);
    }

    public static BufferedImage readWebp(byte[] webp) {
        try {
            ImageReader reader = new WebPImageReaderSpi().createReaderInstance();
            try {
                reader.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(webp)));
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mean SSIM of the luma over 8×8 windows every 4 pixels (Wang et al. 2004's constants). */
    static double ssim(BufferedImage a, BufferedImage b) {
        int w = a.getWidth();
        int h = a.getHeight();
        double[] x = luma(a);
        double[] y = luma(b);
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        double total = 0;
        int windows = 0;
        int side = Math.min(8, Math.min(w, h));
        for (int top = 0; top + side <= h; top += 4) {
            for (int left = 0; left + side <= w; left += 4) {
                double mx = 0, my = 0, vx = 0, vy = 0, cov = 0;
                int count = side * side;
                for (int j = top; j < top + side; j++) {
                    for (int i = left; i < left + side; i++) {
                        mx += x[j * w + i];
                        my += y[j * w + i];
                    }
                }
                mx /= count;
                my /= count;
                for (int j = top; j < top + side; j++) {
                    for (int i = left; i < left + side; i++) {
                        double dx = x[j * w + i] - mx;
                        double dy = y[j * w + i] - my;
                        vx += dx * dx;
                        vy += dy * dy;
                        cov += dx * dy;
                    }
                }
                vx /= count - 1;
                vy /= count - 1;
                cov /= count - 1;
                total += (2 * mx * my + c1) * (2 * cov + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                windows++;
            }
        }
        return total / windows;
    }

    private static double[] luma(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        double[] y = new double[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            y[i] = 0.299 * (rgb[i] >> 16 & 0xFF) + 0.587 * (rgb[i] >> 8 & 0xFF) + 0.114 * (rgb[i] & 0xFF);
        }
        return y;
    }
}
