package dev.roster.thumbnail.image;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over the function's whole image path (sniff, header limits, decode, orientation, crops, placeholder),
 * through libvips (a native crash would kill the JVM: worse than any exception) and through ImageIO alone.
 * The contract: any bytes either become crops or an {@link UnusablePhotoException} with a reason; any other
 * exception, an OutOfMemoryError or a hang is a finding. Without {@code JAZZER_FUZZ} this runs the committed
 * seeds (src/test/resources/.../DecodeAndCropFuzzTestInputs, made by {@link FuzzSeeds}) as a regression test;
 * {@code .ci/run fuzz} fuzzes it for a bounded time with the function's heap.
 */
class DecodeAndCropFuzzTest {
    /**
     * The function's decoder and encoder (libvips for plain JPEGs and for the crops, where the build fetched it)
     * and the ImageIO-only ones.
     */
    private static final PhotoDecoder NATIVE = new PhotoDecoder(PhotoLimits.defaults(), Libvips.shared());

    private static final PhotoDecoder IMAGE_IO = new PhotoDecoder(PhotoLimits.defaults());

    private static final Cropper NATIVE_CROPPER =
            new Cropper(JpegEncoder.of(JpegEncoder.DEFAULT_QUALITY, Libvips.shared()));

    private static final Cropper IMAGE_IO_CROPPER = new Cropper(new JpegEncoder(JpegEncoder.DEFAULT_QUALITY));

    @FuzzTest(maxDuration = "60s")
    void anyBytesBecomeCropsOrARejectionWithAReason(byte[] upload) {
        cropsOrAReason(NATIVE, NATIVE_CROPPER, upload);
        cropsOrAReason(IMAGE_IO, IMAGE_IO_CROPPER, upload);
    }

    private static void cropsOrAReason(PhotoDecoder decoder, Cropper cropper, byte[] upload) {
        try {
            Cropper.Crops crops = cropper.crop(decoder.decode(upload));
            if (crops.crops().size() != CropSpec.values().length
                    || crops.placeholder().isEmpty()) {
                throw new AssertionError("incomplete crops for an accepted photo: "
                        + crops.crops().size());
            }
        } catch (UnusablePhotoException e) {
            if (e.reason() == null || e.reason().isBlank()) {
                throw new AssertionError("a rejection without a reason", e);
            }
        }
    }
}
