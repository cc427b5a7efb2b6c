package dev.roster.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.PhotoKeys;
import dev.roster.core.table.Keys;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@WithLocalAws
class PhotoUploadTest {
    @Test
    void anUploadUrlIsAPresignedPutThatBindsTypeAndLengthUnderTheServersKey(LocalAws aws) throws Exception {
        ProfileApi api = new ProfileApi(aws);
        String id = (String) api.putMe("uploader", ProfileApi.profile("Uploader", true), null)
                .json()
                .get("id");

        ProfileApi.Response granted =
                api.requestUpload("uploader", "{\"contentType\":\"image/png\",\"contentLength\":2048}");
        assertEquals(201, granted.status(), granted.body());
        Map<String, Object> body = granted.json();
        assertEquals("PUT", body.get("method"));
        String uploadId = (String) body.get("uploadId");
        URI url = URI.create((String) body.get("url"));
        assertEquals("/" + aws.physicalName("UploadsBucket") + "/uploads/" + id + "/" + uploadId, url.getPath());
        Map<String, String> query = Arrays.stream(url.getRawQuery().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertEquals("content-length;content-type;host", query.get("X-Amz-SignedHeaders"));
        assertTrue(Integer.parseInt(query.get("X-Amz-Expires")) <= 600, "a short-lived URL");
        assertEquals(Map.of("content-type", "image/png", "content-length", "2048"), body.get("headers"));
        Instant expires = Instant.parse((String) body.get("expiresAt"));
        assertTrue(
                expires.isAfter(Instant.now()) && expires.isBefore(Instant.now().plus(Duration.ofMinutes(11))));

        Map<String, Object> me = api.getMe("uploader").json();
        assertEquals("PENDING", me.get("photoStatus"));
        assertEquals(granted.etag(), api.getMe("uploader").etag(), "the response's ETag is the profile's new version");

        // the URL works: the bytes go straight to the uploads bucket under the server's key
        HttpResponse<String> put = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(url)
                                .header("content-type", "image/png")
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[2048]))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(
                2048L,
                aws.s3()
                        .headObject(
                                h -> h.bucket(aws.physicalName("UploadsBucket")).key(PhotoKeys.upload(id, uploadId)))
                        .contentLength());
        var item = aws.dynamoDb()
                .getItem(g -> g.tableName(aws.physicalName("ProfilesTable"))
                        .key(Map.of(
                                Keys.PK,
                                AttributeValue.fromS(Keys.profilePk("main", id)),
                                Keys.SK,
                                AttributeValue.fromS(Keys.PROFILE_SK))))
                .item();
        assertEquals(uploadId, item.get("pendingUploadId").s());
    }

    @Test
    void unsupportedTypesAre415AndOversizedUploadsAre413(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws, Map.of("MAX_UPLOAD_BYTES", "1000"));
        api.putMe("picky", ProfileApi.profile("Picky", true), null);
        ProfileApi.Response bmp = api.requestUpload("picky", "{\"contentType\":\"image/bmp\",\"contentLength\":10}");
        assertEquals(415, bmp.status());
        assertTrue(bmp.errorMessage().contains("image/jpeg, image/png, image/gif, image/webp"), bmp.errorMessage());
        ProfileApi.Response big = api.requestUpload("picky", "{\"contentType\":\"image/jpeg\",\"contentLength\":1001}");
        assertEquals(413, big.status());
        assertTrue(big.errorMessage().contains("the limit is 1000 bytes"), big.errorMessage());
        assertEquals(
                400,
                api.requestUpload("picky", "{\"contentType\":\"image/jpeg\",\"contentLength\":0}")
                        .status());
        assertEquals(
                400,
                api.requestUpload("picky", "{\"contentType\":\"image/jpeg\",\"contentLength\":1.5}")
                        .status());
        assertEquals(
                400,
                api.requestUpload("picky", "{\"contentType\":\"image/jpeg\"}").status());
        assertEquals(
                400,
                api.requestUpload("picky", "{\"contentType\":\"image/jpeg\",\"contentLength\":5,\"key\":\"x\"}")
                        .status());
        assertEquals("NONE", api.getMe("picky").json().get("photoStatus"), "refused requests change nothing");
    }

    @Test
    void anUploadNeedsAProfileFirst(LocalAws aws) {
        ProfileApi.Response response =
                new ProfileApi(aws).requestUpload("nobody", "{\"contentType\":\"image/jpeg\",\"contentLength\":10}");
        assertEquals(404, response.status());
        assertTrue(response.errorMessage().contains("PUT /me"));
    }

    @Test
    void deletingThePhotoFallsBackToTheAvatarOnProfileAndTagItems(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        ProfileApi.Response created =
                api.putMe("photographer", ProfileApi.profile("Photo Grapher", true, "film", "light"), null);
        String id = (String) created.json().get("id");
        String table = aws.physicalName("ProfilesTable");
        // what the thumbnail function does when a photo is ready: the photo map on the profile and its tag items
        AttributeValue photo = AttributeValue.fromM(Map.of(
                "thumb1x",
                AttributeValue.fromS("https://cdn.example/t1.jpg"),
                "thumb2x",
                AttributeValue.fromS("https://cdn.example/t2.jpg")));
        Map<String, AttributeValue> profileKey = Map.of(
                Keys.PK,
                AttributeValue.fromS(Keys.profilePk("main", id)),
                Keys.SK,
                AttributeValue.fromS(Keys.PROFILE_SK));
        aws.dynamoDb()
                .updateItem(u -> u.tableName(table)
                        .key(profileKey)
                        .updateExpression("SET photo = :p, photoStatus = :r ADD version :one")
                        .expressionAttributeValues(Map.of(
                                ":p", photo, ":r", AttributeValue.fromS("READY"), ":one", AttributeValue.fromN("1"))));
        for (String tag : new String[] {"film", "light"}) {
            aws.dynamoDb()
                    .updateItem(u -> u.tableName(table)
                            .key(tagItemKey(tag, "photo grapher", id))
                            .updateExpression("SET photo = :p")
                            .expressionAttributeValues(Map.of(":p", photo)));
        }
        assertNotNull(api.getProfile("viewer", id).json().get("photo"));

        assertEquals(204, api.deletePhoto("photographer").status());

        Map<String, Object> me = api.getMe("photographer").json();
        assertNull(me.get("photo"));
        assertEquals("NONE", me.get("photoStatus"));
        assertEquals(
                Map.of("initials", "PG", "colour", ((Map<?, ?>) me.get("avatar")).get("colour")), me.get("avatar"));
        for (String tag : new String[] {"film", "light"}) {
            var item = aws.dynamoDb()
                    .getItem(g -> g.tableName(table).key(tagItemKey(tag, "photo grapher", id)))
                    .item();
            assertFalse(item.containsKey("photo"), "tag item " + tag + " falls back to the avatar too");
        }
        assertEquals(204, api.deletePhoto("photographer").status(), "deleting again is fine");
    }

    private static Map<String, AttributeValue> tagItemKey(String tag, String sortName, String id) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(Keys.PK, AttributeValue.fromS(Keys.tagPk("main", tag)));
        key.put(Keys.SK, AttributeValue.fromS(Keys.nameSortKey(sortName, id)));
        return key;
    }
}
