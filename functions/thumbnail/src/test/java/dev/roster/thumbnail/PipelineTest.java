package dev.roster.thumbnail;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.Env;
import dev.roster.emulator.LocalAws;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * What a test of the photo pipeline starts from, afresh for each test: the emulator, the profiles it writes and
 * reads, the uploads bucket, and ThumbnailFunction's environment as the template gives it, serving crops under
 * {@link #PHOTOS_BASE_URL}. A subclass carries {@code @WithLocalAws}; its own {@code @BeforeEach} runs after this
 * one.
 */
abstract class PipelineTest {
    static final String PHOTOS_BASE_URL = "https://photos.roster.test";

    LocalAws aws;
    Profiles profiles;
    Uploads uploads;

    @BeforeEach
    final void startFromTheEmulator(LocalAws aws) {
        this.aws = aws;
        this.profiles = new Profiles(aws);
        this.uploads = new Uploads(aws);
    }

    /** ThumbnailFunction's environment from the template, crops under {@link #PHOTOS_BASE_URL}, with {@code overrides}. */
    final Env environment(Map<String, String> overrides) {
        Map<String, String> variables = new HashMap<>(Map.of("PHOTOS_BASE_URL", PHOTOS_BASE_URL));
        variables.putAll(overrides);
        return new Env(aws.functionEnvironment("ThumbnailFunction", variables));
    }

    /** The function built as Lambda builds it, from {@link #environment} with {@code overrides}. */
    final ThumbnailHandler handler(Map<String, String> overrides) {
        return new ThumbnailHandler(environment(overrides));
    }

    final ThumbnailHandler handler() {
        return handler(Map.of());
    }

    /** The key in the photos bucket of a crop or preview URL the pipeline wrote. */
    static String photoKey(String url) {
        assertTrue(url.startsWith(PHOTOS_BASE_URL + "/"), url);
        return url.substring(PHOTOS_BASE_URL.length() + 1);
    }

    /** The object a crop or preview URL names, as the photos bucket holds it. */
    final ResponseBytes<GetObjectResponse> photoObject(String url) {
        return aws.s3()
                .getObjectAsBytes(
                        b -> b.bucket(aws.physicalName("PhotosBucket")).key(photoKey(url)));
    }
}
