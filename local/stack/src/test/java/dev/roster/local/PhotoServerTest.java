package dev.roster.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * /photos/<rest> is the local CloudFront: it serves the key photos/<rest> (the path, as CloudFront passes it on)
 * from the bucket behind the distribution's /photos/* behaviour, with the objects' headers.
 */
@WithLocalAws
class PhotoServerTest {
    private static IncomingRequest get(String path, Map<String, List<String>> headers) {
        return new IncomingRequest("GET", path, "", headers, new byte[0], "127.0.0.1", "HTTP/1.1");
    }

    @Test
    void servesTheBucketBehindTheDistributionsPhotosBehaviour(LocalAws aws) {
        assertEquals(
                aws.physicalName("PhotosBucket"),
                PhotoServer.forDistribution(aws).bucket());
    }

    @Test
    void cropIsServedWithItsContentTypeAndCacheHeaders(LocalAws aws) {
        PhotoServer photos = PhotoServer.forDistribution(aws);
        byte[] jpeg = "jpeg bytes".getBytes(StandardCharsets.UTF_8);
        aws.s3()
                .putObject(
                        b -> b.bucket(photos.bucket())
                                .key("photos/k3Jd9xQa/abc-thumb@2x.jpg")
                                .contentType("image/jpeg")
                                .cacheControl("public, max-age=31536000, immutable"),
                        RequestBody.fromBytes(jpeg));

        FrontDoor.Response response = photos.serve(get("/photos/k3Jd9xQa/abc-thumb@2x.jpg", Map.of()));

        assertEquals(200, response.status());
        assertArrayEquals(jpeg, response.body());
        assertEquals("image/jpeg", response.headers().get("content-type"));
        assertEquals("public, max-age=31536000, immutable", response.headers().get("cache-control"));
        FrontDoor.Response again = photos.serve(get(
                "/photos/k3Jd9xQa/abc-thumb@2x.jpg",
                Map.of("if-none-match", List.of(response.headers().get("etag")))));
        assertEquals(304, again.status());
    }

    @Test
    void missingPhotoIsNotFound(LocalAws aws) {
        assertEquals(
                404,
                PhotoServer.forDistribution(aws)
                        .serve(get("/photos/nope.jpg", Map.of()))
                        .status());
    }
}
