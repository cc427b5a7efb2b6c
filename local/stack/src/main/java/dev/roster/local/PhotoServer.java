package dev.roster.local;

import static dev.roster.emulator.SamTemplate.asList;
import static dev.roster.emulator.SamTemplate.asMap;
import static dev.roster.emulator.SamTemplate.properties;

import dev.roster.emulator.LocalAws;
import dev.roster.emulator.SamTemplate;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The local CloudFront for photos: {@code GET /photos/<rest>} reads the key {@code photos/<rest>} (the path,
 * as CloudFront passes it on) from the bucket that the template's distribution serves {@code /photos/*}
 * from, with the object's content type and cache headers, so the URLs the pipeline writes into the items
 * (with {@code PHOTOS_BASE_URL} set to this server's origin) load in a browser while the bucket itself stays
 * private.
 */
public final class PhotoServer {
    public static final String PREFIX = "/photos/";

    private final S3Client s3;
    private final String bucket;

    public PhotoServer(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Serves the bucket behind the {@code /photos/*} behaviour of the template's {@code AWS::CloudFront::Distribution}. */
    public static PhotoServer forDistribution(LocalAws aws) {
        var distributions = aws.template().resourcesOfType("AWS::CloudFront::Distribution");
        if (distributions.size() != 1) {
            throw new IllegalStateException(
                    "expected one CloudFront distribution in template.yaml, found " + distributions.size());
        }
        Map<String, Object> config =
                asMap(properties(distributions.values().iterator().next()).get("DistributionConfig"));
        String pattern = PREFIX + "*";
        Object originId = asList(config.getOrDefault("CacheBehaviors", List.of())).stream()
                .map(SamTemplate::asMap)
                .filter(behaviour -> pattern.equals(behaviour.get("PathPattern")))
                .map(behaviour -> behaviour.get("TargetOriginId"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "the distribution in template.yaml has no " + pattern + " behaviour"));
        Map<String, Object> origin = asList(config.get("Origins")).stream()
                .map(SamTemplate::asMap)
                .filter(o -> originId.equals(o.get("Id")))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("the distribution in template.yaml has no origin " + originId));
        List<Object> getAtt = asList(asMap(origin.get("DomainName")).get("Fn::GetAtt"));
        return new PhotoServer(aws.s3(), aws.physicalName(String.valueOf(getAtt.getFirst())));
    }

    public String bucket() {
        return bucket;
    }

    public FrontDoor.Response serve(IncomingRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return FrontDoor.Response.message(405, "Method Not Allowed", "photos");
        }
        String key = URLDecoder.decode(request.rawPath().substring(1), StandardCharsets.UTF_8);
        if (key.length() == PREFIX.length() - 1) {
            return FrontDoor.Response.message(404, "Not Found", "photos: no key");
        }
        ResponseBytes<GetObjectResponse> object;
        try {
            object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return FrontDoor.Response.message(404, "Not Found", "photos: no " + key + " in " + bucket);
        }
        GetObjectResponse meta = object.response();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", meta.contentType() == null ? "application/octet-stream" : meta.contentType());
        if (meta.cacheControl() != null) {
            headers.put("cache-control", meta.cacheControl());
        }
        if (meta.eTag() != null) {
            headers.put("etag", meta.eTag());
            if (meta.eTag().equals(request.header("if-none-match"))) {
                return new FrontDoor.Response(304, headers, new byte[0], "photos: not modified");
            }
        }
        return new FrontDoor.Response(200, headers, object.asByteArray(), "photos: " + bucket);
    }
}
