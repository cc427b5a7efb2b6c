package dev.roster.thumbnail.image;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The crops' WebP twins, encoded by libvips from the same pixels as their JPEGs. Only where libvips is loaded
 * and its WebP encoding passed a round trip at init ({@link #of}); anywhere else, and for any photo whose
 * encoding fails, the photo is JPEG only: the JPEG crops never wait for or depend on this.
 */
public final class WebpEncoder {
    /**
     * libwebp's {@code Q}, chosen against the JPEG crops (quality 0.86) on eight photographs (bench/webp, SSIM of
     * each encoding against the pixels it was made from): at 82 the WebP thumbnails, what cards show, look at
     * least as good as their JPEGs (SSIM 0.975 vs 0.972 at 100 px, 0.975 vs 0.974 at 200 px) for 27–31 % fewer
     * bytes, the 250 px detail matches (0.973 vs 0.974); at 80 the thumbnails fall just below and at 85 they
     * save only 17–22 %. The 500 px detail stays a little softer at any quality that saves bytes.
     */
    public static final int QUALITY = 82;
    /** libwebp's default effort (0–6): higher values search longer for a smaller file of the same quality. */
    static final int EFFORT = 4;

    public static final Libvips.WebpSettings SETTINGS = new Libvips.WebpSettings(QUALITY, EFFORT, false);
    /** A round trip of the verification image must come back this close (JPEG-like quality; a broken encoder is far off). */
    static final double VERIFY_MIN_PSNR_DB = 30;

    /** The native call, as the pipeline makes it (a seam: a test makes it fail). */
    @FunctionalInterface
    public interface Encoding {
        byte[] encode(Libvips.Pixels rgb) throws Libvips.Refused;
    }

    /** What encoding a photo's crops as WebP gave. */
    public sealed interface Twins {
        /** Every crop's WebP. */
        record Encoded(Map<CropSpec, byte[]> webp) implements Twins {
            public Encoded {
                webp = Map.copyOf(webp);
            }
        }

        /** This environment makes no WebP (see {@link WebpEncoder#unavailable()}). */
        record Unavailable(String reason) implements Twins {}

        /** This photo's encoding failed: it is JPEG only, and this says why (for the log). */
        record Failed(String reason) implements Twins {}
    }

    private static volatile WebpEncoder shared;

    private final Encoding encoding;
    private final String unavailable;

    private WebpEncoder(Encoding encoding, String unavailable) {
        this.encoding = encoding;
        this.unavailable = unavailable;
    }

    /** The process's encoder: {@link #of} the process's libvips, checked once. */
    public static WebpEncoder shared() {
        WebpEncoder result = shared;
        if (result == null) {
            synchronized (WebpEncoder.class) {
                result = shared;
                if (result == null) {
                    result = of(Libvips.shared());
                    shared = result;
                }
            }
        }
        return result;
    }

    /** WebP through {@code libvips} when it is loaded and its WebP round trip passes; none otherwise. */
    public static WebpEncoder of(Libvips.Availability libvips) {
        return switch (libvips) {
            case Libvips.Availability.Unavailable u -> none("no libvips: " + u.reason());
            case Libvips.Availability.Loaded loaded -> {
                Encoding encoding = rgb -> loaded.libvips().encodeWebp(rgb, SETTINGS);
                String mismatch = verify(encoding);
                yield mismatch == null
                        ? new WebpEncoder(encoding, null)
                        : none("libvips " + loaded.libvips().version() + " failed the WebP check: " + mismatch);
            }
        };
    }

    /** An encoder that makes no WebP, saying why. */
    public static WebpEncoder none(String reason) {
        return new WebpEncoder(null, reason);
    }

    /** Encodes with {@code encoding}, unchecked: for tests that make the native call fail. */
    public static WebpEncoder using(Encoding encoding) {
        return new WebpEncoder(encoding, null);
    }

    /** Why this environment makes no WebP, or empty when it does. */
    public Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    /** Every crop as WebP, or why not: one failed crop leaves the whole photo JPEG only (no half set). */
    public Twins encode(List<Cropper.Crop> crops) {
        if (unavailable != null) {
            return new Twins.Unavailable(unavailable);
        }
        Map<CropSpec, byte[]> webp = new EnumMap<>(CropSpec.class);
        for (Cropper.Crop crop : crops) {
            try {
                webp.put(crop.spec(), encoding.encode(Libvips.Pixels.rgb(crop.image())));
            } catch (Libvips.Refused | RuntimeException e) {
                return new Twins.Failed(crop.spec() + " (" + crop.pixels() + " px): " + e.getMessage());
            }
        }
        return new Twins.Encoded(webp);
    }

    /**
     * Null when a known image (gradient, hard edges) encoded by {@code encoding} is a WebP that an independent
     * decoder (TwelveMonkeys) reads back at the same size and close to the original; otherwise what went wrong.
     */
    static String verify(Encoding encoding) {
        BufferedImage drawn = Libvips.verificationImage();
        try {
            byte[] webp = encoding.encode(Libvips.Pixels.rgb(drawn));
            ImageReader reader = new WebPImageReaderSpi().createReaderInstance();
            BufferedImage decoded;
            try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(webp))) {
                reader.setInput(in);
                decoded = reader.read(0);
            } finally {
                reader.dispose();
            }
            if (decoded.getWidth() != 96 || decoded.getHeight() != 64) {
                return "the WebP reads back as " + decoded.getWidth() + "×" + decoded.getHeight() + ", not 96×64";
            }
            double psnr = psnr(drawn, decoded);
            return psnr >= VERIFY_MIN_PSNR_DB
                    ? null
                    : String.format(
                            java.util.Locale.ROOT,
                            "the WebP reads back at %.1f dB PSNR (at least %.0f expected)",
                            psnr,
                            VERIFY_MIN_PSNR_DB);
        } catch (Libvips.Refused | IOException | RuntimeException e) {
            return "encoding or reading the verification WebP failed: " + e.getMessage();
        }
    }

    /** Peak signal-to-noise ratio of {@code b} against {@code a} (same size), over R, G and B. */
    public static double psnr(BufferedImage a, BufferedImage b) {
        double squared = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = (p >> shift & 0xFF) - (q >> shift & 0xFF);
                    squared += d * d;
                }
            }
        }
        double mse = squared / (3.0 * a.getWidth() * a.getHeight());
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
