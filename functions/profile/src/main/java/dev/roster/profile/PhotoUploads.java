package dev.roster.profile;

import dev.roster.core.PhotoKeys;
import dev.roster.core.aws.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Hands out presigned {@code PUT} URLs into the uploads bucket. The signature binds the content type and
 * length the member declared, the key is ours ({@code uploads/<profileId>/<uploadId>}), and the URL lives
 * for {@link #URL_LIFETIME}: the bytes go straight to S3, and the thumbnail function takes it from there.
 * To crop a photo again (a new focal point), the original the thumbnail function kept is copied back under
 * {@code uploads/} as a new upload: the same one pipeline, never a crop made here.
 */
final class PhotoUploads {
    static final Duration URL_LIFETIME = Duration.ofMinutes(5);
    static final List<String> ACCEPTED_TYPES = List.of("image/jpeg", "image/png", "image/gif", "image/webp");

    private final S3Presigner presigner;
    private final S3Client s3;
    private final String bucket;

    PhotoUploads(S3Presigner presigner, String bucket) {
        this(presigner, AwsClients.s3(), bucket);
    }

    PhotoUploads(S3Presigner presigner, S3Client s3, String bucket) {
        this.presigner = presigner;
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * Copies the kept original of upload {@code originalUploadId} to {@code uploads/<profileId>/<uploadId>},
     * which triggers the thumbnail function like a browser upload. False when no original is kept.
     */
    boolean uploadOriginalAgain(String profileId, String originalUploadId, String uploadId) {
        try {
            s3.copyObject(b -> b.sourceBucket(bucket)
                    .sourceKey(PhotoKeys.original(profileId, originalUploadId))
                    .destinationBucket(bucket)
                    .destinationKey(PhotoKeys.upload(profileId, uploadId)));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    record Grant(String uploadId, String url, String method, Map<String, String> headers, Instant expiresAt) {
        /** What the browser needs to upload: the URL, and the method and headers it must send exactly as signed. */
        Map<String, Object> json() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("uploadId", uploadId);
            body.put("url", url);
            body.put("method", method);
            body.put("headers", headers);
            body.put("expiresAt", expiresAt.toString());
            return body;
        }
    }

    /** Signs locally: no call leaves the function. */
    Grant presign(String profileId, String uploadId, String contentType, long contentLength) {
        PresignedPutObjectRequest presigned = presigner.presignPutObject(p -> p.signatureDuration(URL_LIFETIME)
                .putObjectRequest(o -> o.bucket(bucket)
                        .key(PhotoKeys.upload(profileId, uploadId))
                        .contentType(contentType)
                        .contentLength(contentLength)));
        // the headers the browser must send exactly as signed (host is set by the browser itself)
        Map<String, String> headers = new TreeMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        return new Grant(
                uploadId,
                presigned.url().toString(),
                presigned.httpRequest().method().name(),
                headers,
                presigned.expiration());
    }
}
