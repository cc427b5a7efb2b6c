package dev.roster.thumbnail;

import dev.roster.core.CropFormat;
import dev.roster.core.PhotoKeys;
import dev.roster.core.UploadKey;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The two buckets as the pipeline sees them: uploads are read (never more than the size limit) and their
 * originals kept; crops are written to the photos bucket under keys derived from their bytes (a WebP twin
 * from its JPEG's), so writing the same crop twice (a duplicate event, a retry) writes the same object, and a
 * URL never changes meaning.
 */
public final class PhotoStore {
    public static final String CROP_CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final S3Client s3;
    private final String photosBucket;
    private final String photosBaseUrl;

    public PhotoStore(S3Client s3, String photosBucket, String photosBaseUrl) {
        this.s3 = s3;
        this.photosBucket = photosBucket;
        this.photosBaseUrl = photosBaseUrl.endsWith("/") ? photosBaseUrl.substring(0, photosBaseUrl.length() - 1) : photosBaseUrl;
    }

    /** What reading an upload gave. */
    public sealed interface Upload {
        record Fetched(byte[] bytes) implements Upload {
        }

        /** Larger than the limit (the event's size was missing or wrong); nothing past the limit was read. */
        record TooLarge(long bytes) implements Upload {
        }

        record Missing() implements Upload {
        }
    }

    public Upload readUpload(String bucket, String key, long maxBytes) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            Long length = in.response().contentLength();
            if (length != null && length > maxBytes) {
                in.abort();
                return new Upload.TooLarge(length);
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                in.abort();
                return new Upload.TooLarge(bytes.length);
            }
            return new Upload.Fetched(bytes);
        } catch (NoSuchKeyException e) {
            return new Upload.Missing();
        } catch (IOException e) {
            throw new UncheckedIOException("reading s3://" + bucket + "/" + key + " failed", e);
        }
    }

    /** Stores a JPEG crop and returns its public URL. */
    public String putCrop(String profileId, byte[] jpeg) {
        String key = PhotoKeys.crop(profileId, contentHash(jpeg));
        put(key, CropFormat.JPEG, jpeg);
        return photosBaseUrl + "/" + key;
    }

    /** Stores the twin in {@code format} of the JPEG crop {@code jpeg}, beside it ({@link PhotoKeys#twin}). */
    public void putTwin(String profileId, byte[] jpeg, CropFormat format, byte[] twin) {
        put(PhotoKeys.twin(PhotoKeys.crop(profileId, contentHash(jpeg)), format), format, twin);
    }

    private void put(String key, CropFormat format, byte[] bytes) {
        s3.putObject(b -> b.bucket(photosBucket).key(key)
                .contentType(format.mediaType())
                .cacheControl(CROP_CACHE_CONTROL), RequestBody.fromBytes(bytes));
    }

    /** Copies the accepted upload under {@code originals/} (uploads/ expires; the reprocess job reads these). */
    public void keepOriginal(String bucket, UploadKey upload) {
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(upload.key())
                .destinationBucket(bucket).destinationKey(upload.originalKey()));
    }

    static String contentHash(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
