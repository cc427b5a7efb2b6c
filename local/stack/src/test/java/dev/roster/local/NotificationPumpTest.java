package dev.roster.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.roster.core.PhotoKeys;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;

/** Objects put into the uploads bucket reach the S3-triggered function as S3Events, with Lambda's retries. */
@WithLocalAws
class NotificationPumpTest {
    private NotificationPump pump;

    @BeforeEach
    void start(LocalAws aws) {
        RecordingHandlers.reset();
        LambdaFunction function = LambdaFunction.fromTemplate(
                aws,
                "ThumbnailFunction",
                Map.of("PHOTOS_BASE_URL", "http://127.0.0.1:3000"),
                RecordingHandlers.S3.class.getName() + "::handleRequest");
        pump = NotificationPump.start(aws, function, List.of(Duration.ofMillis(100), Duration.ofMillis(200)));
    }

    @AfterEach
    void stop() {
        pump.close();
    }

    private static String uploads(LocalAws aws) {
        return aws.physicalName("UploadsBucket");
    }

    @Test
    void uploadReachesTheFunctionAsAnS3EventWithTheTemplatesEnvironment(LocalAws aws) throws Exception {
        aws.s3()
                .putObject(
                        b -> b.bucket(uploads(aws))
                                .key(PhotoKeys.upload("k3Jd9xQa", "01JDX4T7Q5M0Z8N3V6B2C9F1HA"))
                                .contentType("image/jpeg"),
                        RequestBody.fromBytes(new byte[1234]));

        var call = RecordingHandlers.S3_CALLS.poll(15, TimeUnit.SECONDS);
        assertNotNull(call, "ThumbnailFunction was not invoked");
        S3Event.S3EventNotificationRecord record = call.event().getRecords().getFirst();
        assertEquals("ObjectCreated:Put", record.getEventName());
        assertEquals(uploads(aws), record.getS3().getBucket().getName());
        assertEquals(
                PhotoKeys.upload("k3Jd9xQa", "01JDX4T7Q5M0Z8N3V6B2C9F1HA"),
                record.getS3().getObject().getUrlDecodedKey());
        assertEquals(1234L, record.getS3().getObject().getSizeAsLong());
        assertEquals(aws.physicalName("PhotosBucket"), call.env().required("PHOTOS_BUCKET"));
        assertEquals("http://127.0.0.1:3000", call.env().required("PHOTOS_BASE_URL"));
        assertEquals("40", call.env().required("MAX_SOURCE_MEGAPIXELS"));
        assertEquals("roster-local-ThumbnailFunction", call.context().getFunctionName());
        assertEquals(60_000, call.context().getRemainingTimeInMillis(), 5_000);
    }

    @Test
    void objectOutsideTheUploadsPrefixIsNotDelivered(LocalAws aws) throws Exception {
        aws.s3()
                .putObject(
                        b -> b.bucket(uploads(aws)).key(PhotoKeys.original("k3Jd9xQa", "x")),
                        RequestBody.fromBytes(new byte[10]));
        aws.s3()
                .putObject(
                        b -> b.bucket(uploads(aws)).key(PhotoKeys.upload("k3Jd9xQa", "after")),
                        RequestBody.fromBytes(new byte[10]));

        var call = RecordingHandlers.S3_CALLS.poll(15, TimeUnit.SECONDS);
        assertNotNull(call);
        assertEquals(
                PhotoKeys.upload("k3Jd9xQa", "after"),
                call.event().getRecords().getFirst().getS3().getObject().getUrlDecodedKey());
        assertNull(RecordingHandlers.S3_CALLS.poll(2, TimeUnit.SECONDS));
    }

    @Test
    void transientFailureIsRetriedAndThenSucceeds(LocalAws aws) throws Exception {
        RecordingHandlers.s3FailuresToGo = 2;
        aws.s3()
                .putObject(
                        b -> b.bucket(uploads(aws)).key(PhotoKeys.upload("p", "retry")),
                        RequestBody.fromBytes(new byte[10]));

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertNotNull(RecordingHandlers.S3_CALLS.poll(15, TimeUnit.SECONDS), "attempt " + attempt);
        }
        assertNull(RecordingHandlers.S3_CALLS.poll(2, TimeUnit.SECONDS), "no attempt after the one that succeeded");
        assertEquals(3, RecordingHandlers.S3_ATTEMPTS.get());
        assertTrue(deadLetters(aws, Duration.ofSeconds(1)).isEmpty());
    }

    @Test
    void eventThatFailsEveryRetryLandsInTheDeadLetterQueue(LocalAws aws) throws Exception {
        RecordingHandlers.s3FailuresToGo = 100;
        aws.s3()
                .putObject(
                        b -> b.bucket(uploads(aws)).key(PhotoKeys.upload("p", "doomed")),
                        RequestBody.fromBytes(new byte[10]));

        List<Message> dead = deadLetters(aws, Duration.ofSeconds(20));
        assertEquals(1, dead.size());
        // MaximumRetryAttempts: 2 in template.yaml → three attempts in all
        assertEquals(3, RecordingHandlers.S3_ATTEMPTS.get());
        Map<String, Object> record = JSON.std.mapFrom(dead.getFirst().body());
        Map<?, ?> context = (Map<?, ?>) record.get("requestContext");
        assertEquals("RetriesExhausted", context.get("condition"));
        assertEquals(3, ((Number) context.get("approximateInvokeCount")).intValue());
        assertEquals("java.lang.IllegalStateException", ((Map<?, ?>) record.get("responsePayload")).get("errorType"));
        assertTrue(JSON.std.asString(record.get("requestPayload")).contains(PhotoKeys.upload("p", "doomed")));
    }

    private static List<Message> deadLetters(LocalAws aws, Duration wait) {
        String url = aws.sqs()
                .getQueueUrl(b -> b.queueName(aws.physicalName("ThumbnailDeadLetterQueue")))
                .queueUrl();
        Instant deadline = Instant.now().plus(wait);
        List<Message> messages = List.of();
        while (messages.isEmpty() && Instant.now().isBefore(deadline)) {
            messages = aws.sqs()
                    .receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(10))
                    .messages();
        }
        return messages;
    }
}
