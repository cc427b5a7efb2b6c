package dev.roster.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.PhotoKeys;
import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.ItemAttributes.PhotoAttributes;
import dev.roster.core.table.Keys;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Setting the focal point: with the upload request, or later by re-cropping the kept original. */
@WithLocalAws
class FocalPointApiTest {
    private LocalAws aws;
    private ProfileApi api;
    private String id;
    private String sub;

    @BeforeEach
    void setUp(LocalAws aws) {
        this.aws = aws;
        this.api = new ProfileApi(aws);
        this.sub = "focus-" + java.util.UUID.randomUUID(); // the local AWS is shared by the class's tests
        this.id = (String)
                api.putMe(sub, ProfileApi.profile("Focus", true), null).json().get("id");
    }

    @Test
    void focalPointSentWithTheUploadRequestIsRecordedNextToThePendingUpload() {
        ProfileApi.Response granted = api.requestUpload(
                sub, "{\"contentType\":\"image/jpeg\",\"contentLength\":5000,\"focalPoint\":{\"x\":0.25,\"y\":1}}");
        assertEquals(201, granted.status(), granted.body());
        Map<String, AttributeValue> item = item();
        assertEquals(
                granted.json().get("uploadId"),
                item.get(ItemAttributes.PENDING_UPLOAD_ID).s());
        assertEquals(
                Map.of("x", AttributeValue.fromN("0.25"), "y", AttributeValue.fromN("1.0")),
                item.get(ItemAttributes.PENDING_FOCAL_POINT).m());

        assertEquals(
                201,
                api.requestUpload(sub, "{\"contentType\":\"image/jpeg\",\"contentLength\":5000}")
                        .status());
        assertFalse(
                item().containsKey(ItemAttributes.PENDING_FOCAL_POINT),
                "a later upload without a focal point does not inherit the earlier one");

        api.requestUpload(
                sub, "{\"contentType\":\"image/jpeg\",\"contentLength\":5000,\"focalPoint\":{\"x\":0.5,\"y\":0.5}}");
        ProfileApi.Response nullPoint =
                api.requestUpload(sub, "{\"contentType\":\"image/jpeg\",\"contentLength\":5000,\"focalPoint\":null}");
        assertEquals(201, nullPoint.status(), "null is documented as no focal point: " + nullPoint.body());
        assertFalse(item().containsKey(ItemAttributes.PENDING_FOCAL_POINT), "null is the same as leaving it out");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"x\":1.5,\"y\":0.5}                | x is 1.5; it must be from 0",
                "{\"x\":-0.1,\"y\":0.5}               | x is -0.1; it must be from 0",
                "{\"x\":\"0.5\",\"y\":0.5}            | x must be a number from 0 to 1, not a string",
                "{\"x\":[0.5],\"y\":0.5}              | x must be a number from 0 to 1, not an array",
                "{\"x\":true,\"y\":0.5}               | x must be a number from 0 to 1, not true",
                "{\"x\":0.5}                          | y is missing",
                "{\"x\":0.5,\"y\":0.5,\"z\":1}        | unknown field 'z'",
                "[0.5,0.5]                            | must be an object {\"x\": 0..1",
            })
    void badFocalPointIs400SayingWhatToFix(String focalPoint, String expected) {
        putOriginal("up0");
        ProfileApi.Response upload = api.requestUpload(
                sub, "{\"contentType\":\"image/jpeg\",\"contentLength\":5000,\"focalPoint\":" + focalPoint + "}");
        assertEquals(400, upload.status(), upload.body());
        assertEquals("invalid_focal_point", upload.errorCode());
        assertTrue(upload.errorMessage().contains(expected), upload.errorMessage());
        assertTrue(upload.errorMessage().startsWith("focalPoint"), upload.errorMessage());

        if (focalPoint.startsWith("{")) {
            ProfileApi.Response change = api.changeFocalPoint(sub, focalPoint);
            assertEquals(400, change.status(), change.body());
            assertTrue(change.errorMessage().contains(expected), change.errorMessage());
        }
        assertFalse(item().containsKey(ItemAttributes.PENDING_UPLOAD_ID), "nothing was recorded");
    }

    @Test
    void changingTheFocalPointWithoutAPhotoIs409() {
        ProfileApi.Response change = api.changeFocalPoint(sub, "{\"x\":0.5,\"y\":0.2}");
        assertEquals(409, change.status(), change.body());
        assertEquals("no_photo", change.errorCode());
        assertTrue(change.errorMessage().contains("POST /me/photo"), change.errorMessage());
        assertEquals(
                404, api.changeFocalPoint("nobody", "{\"x\":0.5,\"y\":0.2}").status());
    }

    @Test
    void changingTheFocalPointCopiesTheKeptOriginalUnderUploadsAsANewUpload() {
        byte[] original = "the original bytes".getBytes();
        putOriginal("up0");
        aws.s3()
                .putObject(
                        b -> b.bucket(uploads()).key(PhotoKeys.original(id, "up0")), RequestBody.fromBytes(original));

        ProfileApi.Response change = api.changeFocalPoint(sub, "{\"x\":0,\"y\":0.75}");

        assertEquals(202, change.status(), change.body());
        String uploadId = (String) change.json().get("uploadId");
        assertEquals(Map.of("x", 0.0, "y", 0.75), change.json().get("focalPoint"));
        assertEquals(change.etag(), api.getMe(sub).etag());
        Map<String, AttributeValue> item = item();
        assertEquals(uploadId, item.get(ItemAttributes.PENDING_UPLOAD_ID).s());
        assertEquals("PENDING", item.get(ItemAttributes.PHOTO_STATUS).s());
        assertEquals(
                "up0",
                item.get(ItemAttributes.PHOTO)
                        .m()
                        .get(PhotoAttributes.UPLOAD_ID)
                        .s(),
                "the current photo stays until the new crops are ready");
        assertEquals(
                Map.of("x", AttributeValue.fromN("0.0"), "y", AttributeValue.fromN("0.75")),
                item.get(ItemAttributes.PENDING_FOCAL_POINT).m());
        byte[] copied = aws.s3()
                .getObjectAsBytes(b -> b.bucket(uploads()).key(PhotoKeys.upload(id, uploadId)))
                .asByteArray();
        assertEquals(new String(original), new String(copied));
    }

    @Test
    void originalNoLongerKeptIs409AndThePhotoStaysReady() {
        putOriginal("gone0"); // on the item, but no originals/ object

        ProfileApi.Response change = api.changeFocalPoint(sub, "{\"x\":0.5,\"y\":0.5}");

        assertEquals(409, change.status(), change.body());
        assertEquals("original_gone", change.errorCode());
        Map<String, AttributeValue> item = item();
        assertEquals("READY", item.get(ItemAttributes.PHOTO_STATUS).s());
        assertFalse(item.containsKey(ItemAttributes.PENDING_UPLOAD_ID));
        assertFalse(item.containsKey(ItemAttributes.PENDING_FOCAL_POINT));
    }

    /** A ready photo made from upload {@code uploadId}, as the thumbnail function leaves it. */
    private void putOriginal(String uploadId) {
        aws.dynamoDb()
                .updateItem(b -> b.tableName(table())
                        .key(key())
                        .updateExpression("SET #photo = :photo, #status = :ready")
                        .expressionAttributeNames(
                                Map.of("#photo", ItemAttributes.PHOTO, "#status", ItemAttributes.PHOTO_STATUS))
                        .expressionAttributeValues(Map.of(
                                ":ready",
                                AttributeValue.fromS("READY"),
                                ":photo",
                                AttributeValue.fromM(Map.of(
                                        PhotoAttributes.THUMB_1X,
                                                AttributeValue.fromS("https://photos.test/photos/" + id + "/a.jpg"),
                                        PhotoAttributes.UPLOAD_ID, AttributeValue.fromS(uploadId))))));
    }

    private Map<String, AttributeValue> item() {
        return aws.dynamoDb()
                .getItem(b -> b.tableName(table()).key(key()).consistentRead(true))
                .item();
    }

    private Map<String, AttributeValue> key() {
        return Map.of(
                Keys.PK,
                AttributeValue.fromS(Keys.profilePk("main", id)),
                Keys.SK,
                AttributeValue.fromS(Keys.PROFILE_SK));
    }

    private String table() {
        return aws.physicalName("ProfilesTable");
    }

    private String uploads() {
        return aws.physicalName("UploadsBucket");
    }
}
