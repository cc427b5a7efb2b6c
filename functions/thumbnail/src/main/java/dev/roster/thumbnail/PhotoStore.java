package dev.roster.thumbnail;

import dev.roster.core.CropFormat;
import dev.roster.core.PhotoKeys;
import dev.roster.core.UploadKey;
import dev.roster.core.profile.Photo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * The two buckets as the pipeline sees them: uploads are read (never more than the size limit) and their
 * originals kept; crops are written to the photos bucket under keys derived from their upload and their bytes
 * (a WebP twin from its JPEG's), so writing the same crop twice (a duplicate event, a retry) writes the same
 * object, and a URL never changes meaning. A replaced photo's crops are tagged
 * {@value #OBSOLETE_TAG}={@value #OBSOLETE_VALUE}, which the photos bucket's lifecycle rule (template.yaml,
 * {@code expire-replaced-crops}) expires a day later; an upload that never became a photo has its crops
 * deleted at once.
 */
public final class PhotoStore {
    public static final String CROP_CACHE_CONTROL = "public, max-age=31536000, immutable";
    /** The tag the photos bucket's lifecycle rule expires objects by (template.yaml must name the same). */
    public static final String OBSOLETE_TAG = "roster-obsolete";

    public static final String OBSOLETE_VALUE = "true";
    private static final Tagging OBSOLETE = Tagging.builder()
            .tagSet(Tag.builder().key(OBSOLETE_TAG).value(OBSOLETE_VALUE).build())
            .build();

    private final S3Client s3;
    private final String photosBucket;
    private final String photosBaseUrl;

    public PhotoStore(S3Client s3, String photosBucket, String photosBaseUrl) {
        this.s3 = s3;
        this.photosBucket = photosBucket;
        this.photosBaseUrl =
                photosBaseUrl.endsWith("/") ? photosBaseUrl.substring(0, photosBaseUrl.length() - 1) : photosBaseUrl;
    }

    /** What reading an upload gave. */
    public sealed interface Upload {
        record Fetched(byte[] bytes) implements Upload {}

        /** Larger than the limit (the event's size was missing or wrong); nothing past the limit was read. */
        record TooLarge(long bytes) implements Upload {}

        record Missing() implements Upload {}
    }

    public Upload readUpload(String bucket, String key, long maxBytes) {
        try (ResponseInputStream<GetObjectResponse> in =
                s3.getObject(b -> b.bucket(bucket).key(key))) {
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

    /** Stores a JPEG crop of {@code upload} and returns its public URL. */
    public String putCrop(UploadKey upload, byte[] jpeg) {
        String key = PhotoKeys.crop(upload, contentHash(jpeg));
        put(key, CropFormat.JPEG, jpeg);
        return photosBaseUrl + "/" + key;
    }

    /** Stores the twin in {@code format} of the JPEG crop {@code jpeg}, beside it ({@link PhotoKeys#twin}). */
    public void putTwin(UploadKey upload, byte[] jpeg, CropFormat format, byte[] twin) {
        put(PhotoKeys.twin(PhotoKeys.crop(upload, contentHash(jpeg)), format), format, twin);
    }

    private void put(String key, CropFormat format, byte[] bytes) {
        s3.putObject(
                b -> b.bucket(photosBucket)
                        .key(key)
                        .contentType(format.mediaType())
                        .cacheControl(CROP_CACHE_CONTROL),
                RequestBody.fromBytes(bytes));
    }

    /**
     * Copies the accepted upload under {@code originals/} (uploads/ expires; the reprocess job reads these);
     * false when the upload is gone meanwhile (its member left, which deletes their uploads too).
     */
    public boolean keepOriginal(String bucket, UploadKey upload) {
        try {
            s3.copyObject(b -> b.sourceBucket(bucket)
                    .sourceKey(upload.key())
                    .destinationBucket(bucket)
                    .destinationKey(upload.originalKey()));
            return true;
        } catch (NoSuchKeyException gone) {
            return false;
        }
    }

    /**
     * The objects of {@code replaced}, the photo a new one took the place of, go: its crops (those under the
     * profile's own prefix that {@code current} does not use too) are tagged obsolete, so pages and caches
     * holding their URLs keep working until the lifecycle rule expires them; its original is deleted (nothing
     * serves it). Only ever called with the photo the pipeline's successful conditional write replaced.
     * Returns the keys it retired; a crop already gone (the member left meanwhile) is no error.
     */
    public List<String> retire(String uploadsBucket, String profileId, Photo replaced, Photo current) {
        Set<String> kept = new HashSet<>(current.objectUrls());
        List<String> retired = new ArrayList<>();
        // a small photo's preview can be its 2x detail crop: one object, tagged once
        for (String url : new LinkedHashSet<>(replaced.objectUrls())) {
            if (kept.contains(url)) {
                continue;
            }
            Optional<String> key = PhotoKeys.cropKey(profileId, url);
            if (key.isPresent()) {
                try {
                    s3.putObjectTagging(
                            b -> b.bucket(photosBucket).key(key.get()).tagging(OBSOLETE));
                } catch (NoSuchKeyException gone) {
                    continue;
                }
                retired.add(key.get());
            }
        }
        String uploadId = replaced.uploadId();
        if (uploadId != null && !uploadId.isBlank() && !uploadId.equals(current.uploadId())) {
            String original = PhotoKeys.original(profileId, uploadId);
            s3.deleteObject(b -> b.bucket(uploadsBucket).key(original));
            retired.add(original);
        }
        return retired;
    }

    /**
     * Deletes whatever {@code upload} left (its crops, under their own prefix, and its kept original): for an
     * upload that can never become the profile's photo (the profile moved on to another upload, dropped its
     * photo or was erased). Returns how many objects went.
     */
    public int discard(String uploadsBucket, UploadKey upload) {
        List<ObjectIdentifier> crops = s3
                .listObjectsV2Paginator(b -> b.bucket(photosBucket).prefix(PhotoKeys.cropsOf(upload)))
                .contents()
                .stream()
                .map(object -> ObjectIdentifier.builder().key(object.key()).build())
                .toList();
        if (!crops.isEmpty()) {
            // one upload has a handful of crops, far below DeleteObjects' 1000 keys
            DeleteObjectsResponse deleted = s3.deleteObjects(
                    b -> b.bucket(photosBucket).delete(d -> d.objects(crops).quiet(true)));
            if (deleted.hasErrors() && !deleted.errors().isEmpty()) {
                throw new IllegalStateException(
                        "S3 did not delete " + deleted.errors().size() + " crops of " + upload.key() + ", e.g. "
                                + deleted.errors().getFirst().key() + ": "
                                + deleted.errors().getFirst().code());
            }
        }
        s3.deleteObject(b -> b.bucket(uploadsBucket).key(upload.originalKey()));
        return crops.size();
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
