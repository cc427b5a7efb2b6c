package dev.roster.thumbnail;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/** The object an S3 event is about: its bucket, URL-decoded key and (when the event says) size. */
public record UploadedObject(String bucket, String key, OptionalLong sizeBytes) {

    /** S3 form-encodes keys in events ({@code /} may come as {@code %2F}, a space as {@code +}, a plus as {@code %2B}). */
    public static UploadedObject of(S3EventNotificationRecord record) {
        var entity = record.getS3();
        Long size = entity.getObject().getSizeAsLong();
        return new UploadedObject(
                entity.getBucket().getName(),
                decodedKey(entity.getObject().getKey()),
                size == null ? OptionalLong.empty() : OptionalLong.of(size));
    }

    /** A key that does not decode (S3 never sends one) stays as it came, and matches no upload. */
    private static String decodedKey(String key) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return key;
        }
    }
}
