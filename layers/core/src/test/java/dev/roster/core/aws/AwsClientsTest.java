package dev.roster.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

@WithLocalAws
class AwsClientsTest {

    @Test
    void defaultClientsFollowTheStandardEndpointSettings(LocalAws aws) {
        try (var dynamoDb = AwsClients.dynamoDb();
                var s3 = AwsClients.s3()) {
            assertTrue(dynamoDb.listTables().tableNames().contains(aws.physicalName("ProfilesTable")));

            s3.putObject(b -> b.bucket(aws.physicalName("PhotosBucket")).key("k"), RequestBody.fromString("v"));
            assertEquals(
                    "v",
                    aws.s3()
                            .getObjectAsBytes(b ->
                                    b.bucket(aws.physicalName("PhotosBucket")).key("k"))
                            .asUtf8String());
        }
    }

    @Test
    void pathStyleOnlyWhenAnEndpointIsOverridden() {
        assertFalse(AwsClients.isS3EndpointOverridden(Map.of(), new Properties()));
        assertTrue(AwsClients.isS3EndpointOverridden(
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"), new Properties()));
        assertTrue(AwsClients.isS3EndpointOverridden(
                Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:5000"), new Properties()));
        Properties properties = new Properties();
        properties.setProperty("aws.endpointUrl", "http://127.0.0.1:5000");
        assertTrue(AwsClients.isS3EndpointOverridden(Map.of(), properties));
    }
}
