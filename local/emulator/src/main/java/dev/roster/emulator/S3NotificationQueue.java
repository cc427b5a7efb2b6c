package dev.roster.emulator;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The SQS queue that stands in for an S3-triggered function's event source locally. {@link #poll} turns
 * each notification into the {@link S3Event} Lambda would hand the function, parsed by the Lambda runtime's
 * own deserialiser, and deletes it; {@code s3:TestEvent} messages are dropped.
 */
public final class S3NotificationQueue {
    private static final PojoSerializer<S3Event> SERIALIZER =
            LambdaEventSerializers.serializerFor(S3Event.class, S3NotificationQueue.class.getClassLoader());

    private final SqsClient sqs;
    private final String queueUrl;

    public S3NotificationQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** The queue of an S3-triggered function of the template. */
    public static S3NotificationQueue of(LocalAws aws, String functionLogicalId) {
        return new S3NotificationQueue(aws.sqs(), aws.notificationQueueUrl(functionLogicalId));
    }

    /** Waits up to {@code wait} (whole seconds, at most 20) for notifications; returns what arrived, in order. */
    public List<S3Event> poll(Duration wait) {
        List<Message> messages = sqs.receiveMessage(
                        b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds((int)
                                Math.min(20, wait.toSeconds())))
                .messages();
        List<S3Event> events = new ArrayList<>();
        for (Message message : messages) {
            if (!message.body().contains("s3:TestEvent")) {
                events.add(parse(message.body()));
            }
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
        return events;
    }

    /**
     * Waits up to {@code within} for the notification of object {@code key} (decoded) and returns it; the other
     * notifications that arrive meanwhile are taken off the queue and dropped.
     */
    public S3Event awaitObject(String key, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            for (S3Event event : poll(Duration.ofSeconds(2))) {
                if (event.getRecords()
                        .getFirst()
                        .getS3()
                        .getObject()
                        .getUrlDecodedKey()
                        .equals(key)) {
                    return event;
                }
            }
        }
        throw new IllegalStateException("no S3 notification for " + key + " within " + within.toSeconds() + " s");
    }

    /** Parses an S3 notification body the way the Lambda Java runtime parses an S3 event. */
    public static S3Event parse(String json) {
        return SERIALIZER.fromJson(json);
    }
}
