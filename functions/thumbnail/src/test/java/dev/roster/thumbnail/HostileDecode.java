package dev.roster.thumbnail;

import dev.roster.thumbnail.image.Cropper;
import dev.roster.thumbnail.image.JpegEncoder;
import dev.roster.thumbnail.image.Libvips;
import dev.roster.thumbnail.image.PhotoDecoder;
import dev.roster.thumbnail.image.PhotoLimits;
import dev.roster.thumbnail.image.UnusablePhotoException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the function's decode-and-crop path over every {@link HostileFiles} case in a JVM of its own, started
 * by {@link HostileUploadTest} with the function's heap and decoder (libvips for plain JPEGs where the build
 * fetched it), and prints one line per case:
 * {@code CASE <index> <PROCESSED|REJECTED|CRASHED> <millis> <detail>}. A crash (an exception the decoder
 * does not turn into a rejection, or an OutOfMemoryError) is reported, not thrown, so every case runs.
 */
public final class HostileDecode {
    /** What the crops must never contain: the source's metadata, scripts, appended archives. */
    static final List<String> NEVER_IN_OUTPUT =
            List.of("XMP-MARKER", "xmpmeta", "Exif", "<script", "PK\u0003\u0004", "ENTITY");

    public static void main(String[] args) {
        List<HostileFiles.Case> cases = HostileFiles.all(args[0], args[1]);
        PhotoDecoder decoder = new PhotoDecoder(PhotoLimits.defaults(), Libvips.shared());
        System.out.println("decoder for plain JPEGs: "
                + switch (decoder.nativeJpeg()) {
                    case Libvips.Availability.Loaded loaded ->
                        "libvips " + loaded.libvips().version();
                    case Libvips.Availability.Unavailable unavailable -> "ImageIO (" + unavailable.reason() + ")";
                });
        // the function's encoder too: libvips writes the crops where it is loaded (none may carry the source's
        // metadata)
        Cropper cropper = new Cropper(JpegEncoder.of(JpegEncoder.DEFAULT_QUALITY, decoder.nativeJpeg()));
        for (int i = 0; i < cases.size(); i++) {
            System.out.println("START\t" + i);
            long start = System.nanoTime();
            String line;
            try {
                Cropper.Crops crops = cropper.crop(decoder.decode(cases.get(i).bytes()));
                line = "PROCESSED\t" + millis(start) + "\t" + leaks(crops);
            } catch (UnusablePhotoException e) {
                line = "REJECTED\t" + millis(start) + "\t" + e.reason();
            } catch (Throwable e) {
                line = "CRASHED\t" + millis(start) + "\t" + e.toString().replace('\n', ' ');
            }
            System.out.println("CASE\t" + i + "\t" + line);
        }
        System.out.println(
                "DONE\t" + cases.size() + "\t" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB heap");
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** "clean", or which crop carries which forbidden marker or segment. */
    private static String leaks(Cropper.Crops crops) {
        List<String> found = new ArrayList<>();
        for (Cropper.Crop crop : crops.crops()) {
            List<Integer> markers = TestImages.jpegMarkers(crop.jpeg());
            for (int marker : markers) {
                if (marker >= 0xE1 && marker <= 0xEF || marker == 0xFE) {
                    found.add(crop.spec() + " has segment 0x" + Integer.toHexString(marker));
                }
            }
            String text = new String(crop.jpeg(), StandardCharsets.ISO_8859_1);
            for (String forbidden : NEVER_IN_OUTPUT) {
                if (text.contains(forbidden)) {
                    found.add(crop.spec() + " contains " + forbidden.replace("\u0003\u0004", "\\3\\4"));
                }
            }
        }
        return found.isEmpty() ? "clean" : String.join("; ", found);
    }
}
