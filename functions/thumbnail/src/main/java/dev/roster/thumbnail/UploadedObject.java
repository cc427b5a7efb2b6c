package dev.roster.thumbnail;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;

import java.util.OptionalLong;

/** The object an S3 event is about: its bucket, URL-decoded key and (when the event says) size. */
public record UploadedObject(String bucket, String key, OptionalLong sizeBytes) {

    /** S3 form-encodes keys in events ({@code /} may come as {@code %2F}, a space as {@code +}). */
    public static UploadedObject of(S3EventNotificationRecord record) {
        var entity = record.getS3();
        Long size = entity.getObject().getSizeAsLong();
        return new UploadedObject(entity.getBucket().getName(), entity.getObject().getUrlDecodedKey(),
                size == null ? OptionalLong.empty() : OptionalLong.of(size));
    }
}
