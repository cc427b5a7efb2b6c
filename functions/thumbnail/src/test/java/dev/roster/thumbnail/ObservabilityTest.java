package dev.roster.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.roster.core.Env;
import dev.roster.core.PhotoKeys;
import dev.roster.core.json.Json;
import dev.roster.core.observe.Log;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import dev.roster.thumbnail.image.Libvips;
import dev.roster.thumbnail.image.NativeLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the function writes for ops: JSON lines with request and profile ids, and EMF metrics per photo. */
@WithLocalAws
class ObservabilityTest {
    private final List<String> lines = new ArrayList<>();

    @AfterEach
    void stdout() {
        Log.toStdout();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyLineOfAnInvocationCarriesItsRequestAndProfileAndTheMetricsFollow(LocalAws aws) {
        Profiles profiles = new Profiles(aws);
        Uploads uploads = new Uploads(aws);
        ThumbnailHandler handler = new ThumbnailHandler(new Env(
                aws.functionEnvironment("ThumbnailFunction", Map.of("PHOTOS_BASE_URL", "https://photos.roster.test"))));
        profiles.waitingForUpload("observe1", "up1", List.of("java"));
        profiles.waitingForUpload("observe2", "up2", List.of("java"));
        var good = uploads.put(PhotoKeys.upload("observe1", "up1"), TestImages.jpeg(TestImages.photoLike(1200, 1000)));
        var bad = uploads.put(PhotoKeys.upload("observe2", "up2"), "not a photo at all".getBytes());
        Log.sink(lines::add);

        handler.handleRequest(good, context("req-good"));
        handler.handleRequest(bad, context("req-bad"));

        List<Map<String, Object>> parsed =
                lines.stream().map(Json::parseTrusted).toList();
        assertEquals(4, parsed.size(), lines.toString());
        for (Map<String, Object> line : parsed) {
            assertTrue(List.of("req-good", "req-bad").contains(line.get("requestId")), line.toString());
            assertEquals(
                    line.get("requestId").equals("req-good") ? "observe1" : "observe2",
                    line.get("profileId"),
                    line.toString());
        }
        Map<String, Object> processed = parsed.get(1);
        assertTrue(processed.containsKey("_aws"), processed.toString());
        assertEquals(1, processed.get("PhotosProcessed"));
        assertEquals(1.2, ((Number) processed.get("SourceMegapixels")).doubleValue(), 1e-9);
        assertTrue(((Number) processed.get("ProcessingTime")).longValue() >= 0);
        assertEquals(2, processed.get("DynamoDbCalls"), "one read, one transaction");
        Map<String, Object> rejected = parsed.get(3);
        assertEquals(1, rejected.get("PhotosRejected"));
        assertEquals("NotAnImage", rejected.get("Reason"));
        assertFalse(lines.stream().anyMatch(l -> l.contains("@")), "no e-mail address in the log");
    }

    @Test
    void aNativeDecoderThatCannotBeUsedIsOneWarningWithTheReasonAndOneMetricAtInit() {
        Log.sink(lines::add);
        PhotoPipeline.reportDecoder(new Libvips.Availability.Unavailable("no libvips-cpp.so.8.18.7 in /nowhere"));

        List<Map<String, Object>> parsed =
                lines.stream().map(Json::parseTrusted).toList();
        assertEquals(2, parsed.size(), lines.toString());
        assertEquals("WARN", parsed.get(0).get("level"), lines.toString());
        assertTrue(
                String.valueOf(parsed.get(0).get("message")).endsWith(": no libvips-cpp.so.8.18.7 in /nowhere"),
                lines.toString());
        assertEquals(1, parsed.get(1).get("NativeDecoderUnavailable"), lines.toString());
    }

    @Test
    void aVerifiedNativeDecoderIsOneInfoLineWithItsVersion() {
        Libvips libvips = NativeLibrary.required();
        Log.sink(lines::add);
        PhotoPipeline.reportDecoder(new Libvips.Availability.Loaded(libvips));

        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.getFirst().contains("JPEGs are decoded by libvips " + libvips.version()), lines.toString());
    }

    private static Context context(String requestId) {
        return new Context() {
            public String getAwsRequestId() {
                return requestId;
            }

            public String getLogGroupName() {
                return "test";
            }

            public String getLogStreamName() {
                return "test";
            }

            public String getFunctionName() {
                return "ThumbnailFunction";
            }

            public String getFunctionVersion() {
                return "1";
            }

            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:us-east-1:123456789012:function:test";
            }

            public CognitoIdentity getIdentity() {
                return null;
            }

            public ClientContext getClientContext() {
                return null;
            }

            public int getRemainingTimeInMillis() {
                return 60_000;
            }

            public int getMemoryLimitInMB() {
                return 1024;
            }

            public LambdaLogger getLogger() {
                return null;
            }
        };
    }
}
