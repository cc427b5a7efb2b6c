package dev.roster.ops;

import dev.roster.core.PhotoKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The uploads bucket as the ops jobs use it: they read {@code originals/} and {@code imports/}, and put
 * objects under {@code uploads/} only by server-side copy, so the thumbnail function's S3 event is the one
 * way a photo gets processed (docs/design.md, "Every photo goes through one pipeline").
 */
final class UploadsBucket {
    static final int NOT_FOUND = 404;

    private final S3Client s3;
    private final String bucket;

    UploadsBucket(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    String name() {
        return bucket;
    }

    boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    enum Copy {
        COPIED,
        SOURCE_MISSING
    }

    /** Copies {@code sourceKey} to {@code uploads/<profileId>/<uploadId>}: the ObjectCreated:Copy event starts the pipeline. */
    Copy copyToUploads(String sourceKey, String profileId, String uploadId) {
        try {
            s3.copyObject(b -> b.sourceBucket(bucket)
                    .sourceKey(sourceKey)
                    .destinationBucket(bucket)
                    .destinationKey(PhotoKeys.upload(profileId, uploadId)));
            return Copy.COPIED;
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Copy.SOURCE_MISSING;
            }
            throw e;
        }
    }

    /** Reads a whole (small) object; refuses one larger than {@code maxBytes} without reading past it. */
    byte[] read(String key, long maxBytes) {
        try (ResponseInputStream<GetObjectResponse> in =
                s3.getObject(b -> b.bucket(bucket).key(key))) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                in.abort();
                throw new IllegalArgumentException("s3://" + bucket + "/" + key + " is larger than " + maxBytes
                        + " bytes; split it into smaller files and import them one after the other");
            }
            return bytes;
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                throw new IllegalArgumentException("no object s3://" + bucket + "/" + key
                        + ": copy the file there first (aws s3 cp FILE s3://" + bucket + "/" + key + ")");
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading s3://" + bucket + "/" + key + " failed", e);
        }
    }
}
