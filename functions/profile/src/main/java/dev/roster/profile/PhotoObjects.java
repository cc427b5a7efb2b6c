package dev.roster.profile;

import dev.roster.core.PhotoKeys;
import dev.roster.core.profile.Photo;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Deletes a member's photo objects: the crops in the photos bucket ({@code photos/<profileId>/…}) and the kept
 * original in the uploads bucket ({@code originals/<profileId>/<uploadId>}), for {@code DELETE /me/photo} and
 * an admin's removal, and everything under the profile's three prefixes for {@code DELETE /me}. The function's
 * role may delete under those prefixes only. CloudFront may still serve a deleted crop from its cache for a
 * while (docs/operations.md says how long and how to shorten it).
 */
final class PhotoObjects {
    private static final int MAX_KEYS_PER_DELETE = 1000;

    private final S3Client s3;
    private final String uploadsBucket;
    private final String photosBucket;

    PhotoObjects(S3Client s3, String uploadsBucket, String photosBucket) {
        this.s3 = s3;
        this.uploadsBucket = uploadsBucket;
        this.photosBucket = photosBucket;
    }

    /** The objects of one photo of {@code profileId}: its crops and preview (keys under the profile's own prefix only) and its original. */
    void deletePhoto(String profileId, Photo photo) {
        delete(
                photosBucket,
                photo.objectUrls().stream()
                        .flatMap(url -> PhotoKeys.cropKey(profileId, url).stream())
                        .toList());
        if (photo.uploadId() != null && !photo.uploadId().isBlank()) {
            delete(uploadsBucket, List.of(PhotoKeys.original(profileId, photo.uploadId())));
        }
    }

    /** Every object of the profile: crops, originals and uploads still waiting. Safe to run again. */
    void deleteAll(String profileId) {
        deletePrefix(photosBucket, PhotoKeys.cropsOf(profileId));
        deletePrefix(uploadsBucket, PhotoKeys.original(profileId, ""));
        deletePrefix(uploadsBucket, PhotoKeys.upload(profileId, ""));
    }

    private void deletePrefix(String bucket, String prefix) {
        String token = null;
        do {
            String after = token;
            ListObjectsV2Response page =
                    s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).continuationToken(after));
            delete(bucket, page.contents().stream().map(S3Object::key).toList());
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
    }

    private void delete(String bucket, List<String> keys) {
        for (int from = 0; from < keys.size(); from += MAX_KEYS_PER_DELETE) {
            List<ObjectIdentifier> batch =
                    keys.subList(from, Math.min(keys.size(), from + MAX_KEYS_PER_DELETE)).stream()
                            .map(key -> ObjectIdentifier.builder().key(key).build())
                            .toList();
            var result = s3.deleteObjects(
                    b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
            if (result.hasErrors() && !result.errors().isEmpty()) {
                throw new IllegalStateException(
                        "S3 did not delete " + result.errors().size() + " objects in " + bucket + ", e.g. "
                                + result.errors().getFirst().key() + ": "
                                + result.errors().getFirst().code());
            }
        }
    }
}
