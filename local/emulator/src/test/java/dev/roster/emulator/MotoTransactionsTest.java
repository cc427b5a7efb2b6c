package dev.roster.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The moto server this project starts backs up a table once per transaction instead of once per action
 * (moto_launcher.py). These tests hold what that must not change: a cancelled transaction leaves both
 * tables exactly as they were, including what earlier transactions wrote, and a committed one writes all.
 */
class MotoTransactionsTest {
    private static MotoServer moto;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        dynamo = DynamoDbClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        moto.close();
    }

    @BeforeEach
    void twoTables() {
        moto.reset();
        for (String table : List.of("first", "second")) {
            dynamo.createTable(create -> create.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("pk")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("pk")
                            .keyType(KeyType.HASH)
                            .build()));
        }
        transact(put("first", "a", "1"), put("first", "b", "1"), put("second", "x", "1"));
    }

    @Test
    void aCancelledTransactionLeavesEveryTableAsItWas() {
        assertThrows(
                TransactionCanceledException.class,
                () -> transact(
                        put("first", "a", "2"),
                        put("first", "c", "2"),
                        delete("second", "x"),
                        put("second", "y", "2"),
                        mustNotExist("first", "b")));

        assertEquals(Map.of("a", "1", "b", "1"), contents("first"));
        assertEquals(Map.of("x", "1"), contents("second"));
    }

    @Test
    void aRollbackKeepsWhatEarlierTransactionsCommitted() {
        transact(put("first", "c", "3"), put("second", "y", "3"));
        assertThrows(
                TransactionCanceledException.class,
                () -> transact(put("first", "d", "4"), put("second", "z", "4"), mustNotExist("first", "c")));

        assertEquals(Map.of("a", "1", "b", "1", "c", "3"), contents("first"));
        assertEquals(Map.of("x", "1", "y", "3"), contents("second"));
    }

    @Test
    void aCommittedTransactionWritesEveryAction() {
        transact(put("first", "a", "5"), delete("first", "b"), put("second", "y", "5"), mustNotExist("second", "z"));

        assertEquals(Map.of("a", "5"), contents("first"));
        assertEquals(Map.of("x", "1", "y", "5"), contents("second"));
    }

    private static void transact(TransactWriteItem... actions) {
        dynamo.transactWriteItems(request -> request.transactItems(actions));
    }

    private static TransactWriteItem put(String table, String key, String value) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(Map.of("pk", s(key), "value", s(value)))
                        .build())
                .build();
    }

    private static TransactWriteItem delete(String table, String key) {
        return TransactWriteItem.builder()
                .delete(Delete.builder()
                        .tableName(table)
                        .key(Map.of("pk", s(key)))
                        .build())
                .build();
    }

    private static TransactWriteItem mustNotExist(String table, String key) {
        return TransactWriteItem.builder()
                .conditionCheck(ConditionCheck.builder()
                        .tableName(table)
                        .key(Map.of("pk", s(key)))
                        .conditionExpression("attribute_not_exists(pk)")
                        .build())
                .build();
    }

    private static Map<String, String> contents(String table) {
        Map<String, String> values = new TreeMap<>();
        dynamo.scanPaginator(scan -> scan.tableName(table).consistentRead(true))
                .items()
                .forEach(
                        item -> values.put(item.get("pk").s(), item.get("value").s()));
        return values;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
