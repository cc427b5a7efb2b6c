package dev.roster.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.Env;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.SdkCalls;
import dev.roster.junit.WithLocalAws;
import dev.roster.thumbnail.image.WebpEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Priming runs one whole upload through the real SDK clients' code, against an in-memory service only. */
@WithLocalAws
class PrimingTest {
    @Test
    void primingProcessesAnUploadWithoutTouchingAws(LocalAws aws) {
        ThumbnailPriming priming = new ThumbnailPriming(new Env(
                aws.functionEnvironment("ThumbnailFunction", Map.of("PHOTOS_BASE_URL", "https://photos.roster.test"))));
        SdkCalls.reset();

        priming.beforeCheckpoint(null);

        // four crops, their WebP twins where libvips makes them, and the owner's whole-photo preview
        List<String> expected = new ArrayList<>(List.of("DynamoDb:GetItem", "S3:GetObject"));
        expected.addAll(Collections.nCopies(WebpEncoder.shared().unavailable().isEmpty() ? 9 : 5, "S3:PutObject"));
        expected.addAll(List.of("S3:CopyObject", "DynamoDb:TransactWriteItems"));
        assertEquals(expected, SdkCalls.recorded());
        assertTrue(
                SdkCalls.hosts().stream().allMatch("priming.invalid"::equals),
                SdkCalls.hosts().toString());
        assertEquals(
                0,
                aws.s3()
                        .listObjectsV2(b -> b.bucket(aws.physicalName("PhotosBucket")))
                        .keyCount());
    }
}
