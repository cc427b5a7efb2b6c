package dev.roster.thumbnail;

import dev.roster.thumbnail.image.Cropper;
import dev.roster.thumbnail.image.JpegEncoder;
import dev.roster.thumbnail.image.PhotoDecoder;
import dev.roster.thumbnail.image.PhotoLimits;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;

/**
 * Not a test: a quick measurement of the image work of one upload (decode once, four crops, placeholder,
 * colour; no AWS), for the figures in the issue. Issue 7 does the real benchmark. Run it in its own JVM so
 * the heap peak is this work's alone, e.g.
 * <pre>
 *   java -Xmx1g -XX:+UseSerialGC -cp "target/classes:target/test-classes:$(cat cp.txt)" \
 *        dev.roster.thumbnail.PhotoBench 6000 4000 10
 * </pre>
 * Prints the median milliseconds per photo and the peak heap occupancy (sum of the heap pools' peaks
 * since the source JPEG was made, so it includes garbage not yet collected: an upper bound).
 */
public final class PhotoBench {
    private PhotoBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("make")) {
            byte[] jpeg = TestImages.jpeg(TestImages.photoLike(Integer.parseInt(args[1]), Integer.parseInt(args[2])));
            java.nio.file.Files.write(java.nio.file.Path.of(args[3]), jpeg);
            return;
        }
        byte[] jpeg = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(args[0]));
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int width;
        int height;
        try (var in = javax.imageio.ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(jpeg))) {
            var reader = javax.imageio.ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            width = reader.getWidth(0);
            height = reader.getHeight(0);
            reader.dispose();
        }
        System.gc();
        long baseline = heapUsed();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);

        PhotoDecoder decoder = new PhotoDecoder(PhotoLimits.defaults());
        Cropper cropper = new Cropper(new JpegEncoder(JpegEncoder.DEFAULT_QUALITY));
        long[] millis = new long[runs];
        long bytesOut = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Cropper.Crops crops = cropper.crop(decoder.decode(jpeg));
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            bytesOut = crops.crops().stream().mapToLong(c -> c.jpeg().length).sum();
        }
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf("source %dx%d JPEG, %.1f MB; %d runs%n", width, height, jpeg.length / 1e6, runs);
        System.out.printf("ms per photo: first %d, median %d, all %s%n", millis[0], sorted[runs / 2], Arrays.toString(millis));
        System.out.printf("crops: %d bytes in all%n", bytesOut);
        System.out.printf("heap: %d MB before (the source bytes and the JVM), peak %d MB, max %d MB%n",
                baseline >> 20, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }
}
