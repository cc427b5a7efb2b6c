package dev.roster.thumbnail;

import dev.roster.core.Env;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.SdkCalls;
import dev.roster.junit.WithLocalAws;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Priming runs one whole upload through the real SDK clients' code, against an in-memory service only. */
@WithLocalAws
class PrimingTest {
    @Test
    void primingProcessesAnUploadWithoutTouchingAws(LocalAws aws) {
        ThumbnailPriming priming = new ThumbnailPriming(new Env(aws.functionEnvironment("ThumbnailFunction",
                Map.of("PHOTOS_BASE_URL", "https://photos.roster.test"))));
        SdkCalls.reset();

        priming.beforeCheckpoint(null);

        // four crops and the owner's whole-photo preview
        assertEquals(List.of("DynamoDb:GetItem", "S3:GetObject", "S3:PutObject", "S3:PutObject", "S3:PutObject",
                "S3:PutObject", "S3:PutObject", "S3:CopyObject", "DynamoDb:TransactWriteItems"), SdkCalls.recorded());
        assertTrue(SdkCalls.hosts().stream().allMatch("priming.invalid"::equals), SdkCalls.hosts().toString());
        assertEquals(0, aws.s3().listObjectsV2(b -> b.bucket(aws.physicalName("PhotosBucket"))).keyCount());
    }
}
