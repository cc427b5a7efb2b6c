package dev.roster.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.emulator.LocalAws;
import dev.roster.emulator.S3NotificationQueue;
import dev.roster.emulator.SamTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.model.Message;

/** The local AWS is what template.yaml declares, and it round-trips data over the real protocols. */
@WithLocalAws
class TemplateProvisioningTest {

    @Test
    void tableHasTheTemplatesKeysAndSparseCardIndex(LocalAws aws) {
        TableDescription table = aws.dynamoDb()
                .describeTable(b -> b.tableName(aws.physicalName("ProfilesTable")))
                .table();

        assertEquals(
                List.of("PK", "SK"),
                table.keySchema().stream().map(k -> k.attributeName()).toList());
        assertEquals(BillingMode.PAY_PER_REQUEST, table.billingModeSummary().billingMode());
        var index = table.globalSecondaryIndexes().getFirst();
        assertEquals("GSI1", index.indexName());
        assertEquals(
                List.of("GSI1PK", "GSI1SK"),
                index.keySchema().stream().map(k -> k.attributeName()).toList());
        assertEquals(ProjectionType.INCLUDE, index.projection().projectionType());
        List<Object> declared = SamTemplate.asList(SamTemplate.asMap(SamTemplate.asMap(SamTemplate.asList(
                                        SamTemplate.properties(aws.template().resource("ProfilesTable"))
                                                .get("GlobalSecondaryIndexes"))
                                .getFirst())
                        .get("Projection"))
                .get("NonKeyAttributes"));
        assertEquals(declared, List.copyOf(index.projection().nonKeyAttributes()));
    }

    @Test
    void itemRoundTripsAndOnlyItemsWithIndexKeysAreInTheIndex(LocalAws aws) {
        String table = aws.physicalName("ProfilesTable");
        aws.dynamoDb()
                .putItem(b -> b.tableName(table)
                        .item(Map.of(
                                "PK",
                                s("C#main#P#abc12345"),
                                "SK",
                                s("PROFILE"),
                                "name",
                                s("Ada Lovelace"),
                                "GSI1PK",
                                s("C#main#DIR"),
                                "GSI1SK",
                                s("ada lovelace#abc12345"))));
        aws.dynamoDb()
                .putItem(b -> b.tableName(table)
                        .item(Map.of("PK", s("C#main#P#hidden01"), "SK", s("PROFILE"), "name", s("Hidden Person"))));

        Map<String, AttributeValue> read = aws.dynamoDb()
                .getItem(b -> b.tableName(table)
                        .consistentRead(true)
                        .key(Map.of("PK", s("C#main#P#abc12345"), "SK", s("PROFILE"))))
                .item();
        assertEquals("Ada Lovelace", read.get("name").s());

        var page = aws.dynamoDb()
                .query(b -> b.tableName(table)
                        .indexName("GSI1")
                        .keyConditionExpression("GSI1PK = :dir")
                        .expressionAttributeValues(Map.of(":dir", s("C#main#DIR"))));
        assertEquals(1, page.count());
        assertEquals("Ada Lovelace", page.items().getFirst().get("name").s());
    }

    @Test
    void bucketsAreNamedAsTheTemplateNamesThemAndRoundTripAnObject(LocalAws aws) {
        String uploads = aws.physicalName("UploadsBucket");
        assertEquals(LocalAws.STACK_NAME + "-uploads-" + LocalAws.ACCOUNT_ID, uploads);

        String photos = aws.physicalName("PhotosBucket");
        aws.s3()
                .putObject(
                        b -> b.bucket(photos).key("photos/a.jpg").contentType("image/jpeg"),
                        RequestBody.fromBytes(new byte[] {1, 2, 3}));
        var object = aws.s3().getObjectAsBytes(b -> b.bucket(photos).key("photos/a.jpg"));
        assertEquals("image/jpeg", object.response().contentType());
        assertEquals(3, object.asByteArray().length);
    }

    @Test
    void uploadsUnderThePrefixNotifyTheThumbnailQueueAndOthersDoNot(LocalAws aws) {
        String uploads = aws.physicalName("UploadsBucket");
        String queue = aws.notificationQueueUrl("ThumbnailFunction");

        aws.s3().putObject(b -> b.bucket(uploads).key("elsewhere/x"), RequestBody.fromString("no"));
        aws.s3().putObject(b -> b.bucket(uploads).key("uploads/abc12345/up1"), RequestBody.fromString("yes"));

        List<Message> messages = aws.sqs()
                .receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(2))
                .messages();
        assertEquals(1, messages.size(), () -> "messages: " + messages);
        String body = messages.getFirst().body();
        assertTrue(body.contains("uploads%2Fabc12345%2Fup1") || body.contains("uploads/abc12345/up1"), body);
        assertTrue(body.contains("ObjectCreated:Put"), body);
    }

    @Test
    void notificationsArriveAsTheS3EventsLambdaWouldPass(LocalAws aws) {
        String uploads = aws.physicalName("UploadsBucket");
        aws.s3()
                .putObject(
                        b -> b.bucket(uploads).key("uploads/abc12345/with space+plus"),
                        RequestBody.fromString("12345"));

        List<S3Event> events = S3NotificationQueue.of(aws, "ThumbnailFunction").poll(Duration.ofSeconds(2));

        assertEquals(1, events.size());
        var record = events.getFirst().getRecords().getFirst();
        assertEquals("ObjectCreated:Put", record.getEventName());
        assertEquals(uploads, record.getS3().getBucket().getName());
        assertEquals(
                "uploads/abc12345/with space+plus", record.getS3().getObject().getUrlDecodedKey());
        assertEquals(5L, record.getS3().getObject().getSizeAsLong());
        assertTrue(
                S3NotificationQueue.of(aws, "ThumbnailFunction")
                        .poll(Duration.ZERO)
                        .isEmpty(),
                "a polled notification is deleted");
    }

    @Test
    void functionEnvironmentComesFromTheTemplate(LocalAws aws) {
        Map<String, String> env =
                aws.functionEnvironment("ThumbnailFunction", Map.of("PHOTOS_BASE_URL", "http://127.0.0.1:9"));
        assertEquals(aws.physicalName("ProfilesTable"), env.get("TABLE_NAME"));
        assertEquals(aws.physicalName("PhotosBucket"), env.get("PHOTOS_BUCKET"));
        assertEquals("main", env.get("COMMUNITY_ID"));
        assertEquals("15728640", env.get("MAX_UPLOAD_BYTES"));
        assertEquals("http://127.0.0.1:9", env.get("PHOTOS_BASE_URL"));

        Map<String, String> profile = aws.functionEnvironment("ProfileFunction", Map.of());
        assertEquals(aws.physicalName("UploadsBucket"), profile.get("UPLOADS_BUCKET"));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
