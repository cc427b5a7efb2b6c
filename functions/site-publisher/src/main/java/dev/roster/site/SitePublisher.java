package dev.roster.site;

import dev.roster.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Puts the web client into the site bucket, with the deployment's {@code config.json}, and removes what an
 * earlier deploy published and this one no longer has; empties the bucket when the stack goes (a bucket with
 * objects would make the deletion fail).
 */
public final class SitePublisher {
    /**
     * The files have no content hash in their names: browsers and CloudFront revalidate them every time, so a
     * deploy shows at once (the crops, which are immutable, are cached for a year instead).
     */
    static final String SITE_CACHE_CONTROL = "no-cache";

    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;

    public SitePublisher(S3Client s3) {
        this.s3 = s3;
    }

    /** What a publish did, for the stack's events and the log. */
    public record Published(int filesWritten, int filesRemoved) {}

    public Published publish(String bucket, List<SiteFiles.SiteFile> files, DeploymentConfig config) {
        Set<String> keys = new HashSet<>();
        for (SiteFiles.SiteFile file : files) {
            s3.putObject(
                    b -> b.bucket(bucket)
                            .key(file.key())
                            .contentType(file.contentType())
                            .cacheControl(SITE_CACHE_CONTROL),
                    RequestBody.fromFile(file.path()));
            keys.add(file.key());
        }
        byte[] json = Json.write(config.json()).getBytes(StandardCharsets.UTF_8);
        s3.putObject(
                b -> b.bucket(bucket)
                        .key(SiteFiles.CONFIG_KEY)
                        .contentType("application/json")
                        .cacheControl(SITE_CACHE_CONTROL),
                RequestBody.fromBytes(json));
        keys.add(SiteFiles.CONFIG_KEY);
        List<String> stale = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            if (!keys.contains(object.key())) {
                stale.add(object.key());
            }
        }
        delete(bucket, stale);
        return new Published(keys.size(), stale.size());
    }

    /** Deletes every object; a bucket that is already gone is empty. Returns how many objects were removed. */
    public int empty(String bucket) {
        if (bucket.isBlank()) {
            return 0;
        }
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object object :
                    s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
                keys.add(object.key());
            }
        } catch (NoSuchBucketException e) {
            return 0;
        }
        delete(bucket, keys);
        return keys.size();
    }

    private void delete(String bucket, List<String> keys) {
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
                    .map(key -> ObjectIdentifier.builder().key(key).build())
                    .toList();
            s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
        }
    }
}
