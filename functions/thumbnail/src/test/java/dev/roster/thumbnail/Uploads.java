package dev.roster.thumbnail;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.emulator.LocalAws;
import dev.roster.emulator.S3NotificationQueue;
import java.time.Duration;
import software.amazon.awssdk.core.sync.RequestBody;

/** Uploads into the local uploads bucket, and the S3 events that the bucket's notification delivers for them. */
final class Uploads {
    private final LocalAws aws;
    private final S3NotificationQueue queue;

    Uploads(LocalAws aws) {
        this.aws = aws;
        this.queue = S3NotificationQueue.of(aws, "ThumbnailFunction");
    }

    String bucket() {
        return aws.physicalName("UploadsBucket");
    }

    /** PUTs the bytes (as the browser does with the presigned URL) and returns the event S3 sent for them. */
    S3Event put(String key, byte[] bytes) {
        aws.s3().putObject(b -> b.bucket(bucket()).key(key).contentType("image/jpeg"), RequestBody.fromBytes(bytes));
        return queue.awaitObject(key, Duration.ofSeconds(20));
    }

    /** An S3 event as Lambda parses it, for an object that need not exist. */
    static S3Event event(String bucket, String encodedKey, long size) {
        return S3NotificationQueue.parse("""
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                 "eventTime":"2026-11-25T10:15:30.123Z","eventName":"ObjectCreated:Put",
                 "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},
                       "object":{"key":"%s","size":%d,"eTag":"0cc175b9c0f1b6a831c399e269772661"}}}]}
                """.formatted(bucket, bucket, encodedKey, size));
    }
}
