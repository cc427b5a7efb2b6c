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
    /** The function's decoder (libvips for plain JPEGs, where the build fetched it) and the ImageIO-only one. */
    private static final PhotoDecoder[] DECODERS = {
        new PhotoDecoder(PhotoLimits.defaults(), Libvips.shared()), new PhotoDecoder(PhotoLimits.defaults())
    };

    private static final Cropper CROPPER = new Cropper(new JpegEncoder(JpegEncoder.DEFAULT_QUALITY));

    @FuzzTest(maxDuration = "60s")
    void anyBytesBecomeCropsOrARejectionWithAReason(byte[] upload) {
        for (PhotoDecoder decoder : DECODERS) {
            cropsOrAReason(decoder, upload);
        }
    }

    private static void cropsOrAReason(PhotoDecoder decoder, byte[] upload) {
        try {
            Cropper.Crops crops = CROPPER.crop(decoder.decode(upload));
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
