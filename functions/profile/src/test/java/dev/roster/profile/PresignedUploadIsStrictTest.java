package dev.roster.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.core.PhotoKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.signer.AwsS3V4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The presigned PUT against an S3 that checks signatures (S3Proxy; moto accepts anything): only the declared
 * content type, the declared length and the server's key get in, with an intact signature, before it expires.
 */
class PresignedUploadIsStrictTest {
    private static final String BUCKET = "uploads";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("proxy-key", "proxy-secret"));
    private static S3Proxy proxy;
    private static S3Client s3;
    private static PhotoUploads uploads;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startAnS3ThatVerifiesSignatures() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.identity", "proxy-key");
        properties.setProperty("jclouds.credential", "proxy-secret");
        proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", properties))
                .awsAuthentication(AuthenticationType.AWS_V4, "proxy-key", "proxy-secret")
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        java.time.Instant startedBy = java.time.Instant.now().plusSeconds(20);
        while (!proxy.getState().equals("STARTED")) {
            if (java.time.Instant.now().isAfter(startedBy)) {
                throw new IllegalStateException("S3Proxy did not start within 20 s: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        s3.createBucket(b -> b.bucket(BUCKET));
        uploads = new PhotoUploads(
                S3Presigner.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(CREDENTIALS)
                        .serviceConfiguration(S3Configuration.builder()
                                .pathStyleAccessEnabled(true)
                                .build())
                        .build(),
                BUCKET);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        proxy.stop();
    }

    private static int put(URI url, String contentType, byte[] body) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(url)
                                .header("content-type", contentType)
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void theDeclaredTypeAndLengthGoIn() throws Exception {
        PhotoUploads.Grant grant = uploads.presign("prof0001", "upload-ok", "image/jpeg", 1000);
        assertEquals(200, put(URI.create(grant.url()), "image/jpeg", new byte[1000]));
        var head = s3.headObject(h -> h.bucket(BUCKET).key(PhotoKeys.upload("prof0001", "upload-ok")));
        assertEquals(1000L, head.contentLength());
        assertEquals("image/jpeg", head.contentType());
    }

    @Test
    void anotherContentTypeIsRefused() throws Exception {
        PhotoUploads.Grant grant = uploads.presign("prof0001", "upload-type", "image/jpeg", 1000);
        assertEquals(403, put(URI.create(grant.url()), "text/html", new byte[1000]));
    }

    @Test
    void anotherLengthIsRefused() throws Exception {
        PhotoUploads.Grant grant = uploads.presign("prof0001", "upload-length", "image/png", 1000);
        assertEquals(403, put(URI.create(grant.url()), "image/png", new byte[50_000]));
        assertEquals(403, put(URI.create(grant.url()), "image/png", new byte[999]));
    }

    @Test
    void anotherKeyIsRefused() throws Exception {
        PhotoUploads.Grant grant = uploads.presign("prof0001", "upload-key", "image/png", 10);
        URI elsewhere = URI.create(grant.url().replace("/uploads/prof0001/upload-key", "/uploads/prof0002/upload-key"));
        assertEquals(403, put(elsewhere, "image/png", new byte[10]));
    }

    @Test
    void aTamperedSignatureIsRefused() throws Exception {
        PhotoUploads.Grant grant = uploads.presign("prof0001", "upload-sig", "image/png", 10);
        String url = grant.url();
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char flipped = url.charAt(at) == '0' ? '1' : '0';
        URI tampered = URI.create(url.substring(0, at) + flipped + url.substring(at + 1));
        assertEquals(403, put(tampered, "image/png", new byte[10]));
        assertEquals(200, put(URI.create(url), "image/png", new byte[10]), "the untouched URL works");
    }

    @Test
    void anExpiredUrlIsRefused() throws Exception {
        Instant now = Instant.now();
        // signed as PhotoUploads signs (type, length, host), with its lifetime, but ten minutes ago
        URI expired = signedAt(
                now.minus(Duration.ofMinutes(10)), PhotoKeys.upload("prof0001", "upload-old"), "image/jpeg", 10);
        assertEquals(403, put(expired, "image/jpeg", new byte[10]));
        URI fresh = signedAt(now, PhotoKeys.upload("prof0001", "upload-new"), "image/jpeg", 10);
        assertEquals(200, put(fresh, "image/jpeg", new byte[10]), "the same URL signed now works");
    }

    private static URI signedAt(Instant signingTime, String key, String contentType, long length) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.PUT)
                .uri(URI.create("http://127.0.0.1:" + proxy.getPort() + "/" + BUCKET + "/" + key))
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Long.toString(length))
                .build();
        SdkHttpFullRequest signed = AwsS3V4Signer.create()
                .presign(
                        request,
                        Aws4PresignerParams.builder()
                                .awsCredentials(CREDENTIALS.resolveCredentials())
                                .signingName("s3")
                                .signingRegion(Region.US_EAST_1)
                                .signingClockOverride(Clock.fixed(signingTime, ZoneOffset.UTC))
                                .expirationTime(signingTime.plus(PhotoUploads.URL_LIFETIME))
                                .build());
        return signed.getUri();
    }
}
