package dev.roster.thumbnail.image;

import dev.roster.thumbnail.HostileFiles;
import dev.roster.thumbnail.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the fuzz target's seed corpus: one small file of each accepted kind and each refusal path, so the
 * fuzzer starts from inputs that reach deep into every reader. Run from the module directory:
 * {@code java -cp target/test-classes:<test class path> dev.roster.thumbnail.image.FuzzSeeds}; the output
 * is committed (Jazzer reads it from the test resources).
 */
public final class FuzzSeeds {
    static final Path DIRECTORY = Path.of(
            "src/test/resources/dev/roster/thumbnail/image/DecodeAndCropFuzzTestInputs/anyBytesBecomeCropsOrARejectionWithAReason");

    public static void main(String[] args) throws IOException {
        Files.createDirectories(DIRECTORY);
        for (Map.Entry<String, byte[]> seed : seeds().entrySet()) {
            Files.write(DIRECTORY.resolve(seed.getKey()), seed.getValue());
        }
    }

    static Map<String, byte[]> seeds() {
        BufferedImage small = TestImages.quadrants(120, 110);
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("baseline.jpg", TestImages.jpeg(small));
        seeds.put("progressive.jpg", TestImages.progressiveJpeg(small));
        seeds.put("exif-orientation-6.jpg", TestImages.withExif(TestImages.jpeg(small), 6));
        seeds.put(
                "xmp-entities.jpg",
                HostileFiles.withXmp(
                        TestImages.jpeg(small), HostileFiles.xxeXmp("http://127.0.0.1:9/x", "/nonexistent")));
        seeds.put("cmyk.jpg", TestImages.resource("quadrants-cmyk.jpg"));
        seeds.put("rgb.png", TestImages.png(small));
        seeds.put("exif-orientation-6.png", TestImages.withPngExif(TestImages.png(small), 6));
        seeds.put("two-frames.gif", TestImages.animatedGif(120, 110, TestImages.RED, TestImages.BLUE));
        seeds.put("lossy.webp", TestImages.resource("quadrants-lossy.webp"));
        seeds.put("alpha-lossless.webp", TestImages.resource("quadrants-alpha-lossless.webp"));
        seeds.put("bomb-header.png", TestImages.pngHeaderOnly(50_000, 50_000));
        seeds.put("bomb-header.gif", HostileFiles.gifHeaderOnly(50_000, 50_000));
        seeds.put("bomb-header.jpg", HostileFiles.jpegHeaderOnly(50_000, 50_000));
        return seeds;
    }
}
