package dev.roster.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.emulator.LocalAws;
import dev.roster.emulator.MotoServer;
import dev.roster.emulator.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bucket's notification reaches a function locally only if the template lets that bucket invoke it, by
 * {@code SourceArn}: S3 refuses at deploy a notification it may not deliver, and a permission scoped by the
 * account alone would let any bucket in it invoke the function.
 */
class NotificationPermissionTest {
    private static MotoServer moto;

    @TempDir
    Path dir;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    private LocalAws provision(String permission) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                Resources:
                  Crops:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x::handleRequest
                  Inbox:
                    Type: AWS::S3::Bucket
                    DependsOn: CropsInvokedByInbox
                    Properties:
                      BucketName: !Sub '${AWS::StackName}-inbox-${AWS::AccountId}'
                      NotificationConfiguration:
                        LambdaConfigurations:
                          - Event: s3:ObjectCreated:*
                            Filter: {S3Key: {Rules: [{Name: prefix, Value: in/}]}}
                            Function: !Ref Crops.Alias
                  CropsInvokedByInbox:
                    Type: AWS::Lambda::Permission
                    Properties:
                      Action: lambda:InvokeFunction
                      FunctionName: !Ref Crops.Alias
                      Principal: s3.amazonaws.com
                      SourceAccount: !Ref AWS::AccountId
                """ + permission);
        return LocalAws.connect(moto.endpoint(), SamTemplate.read(file), Map.of());
    }

    @Test
    void permissionForTheBucketsArnDeliversItsNotifications() throws IOException {
        try (LocalAws aws = provision(
                "      SourceArn: !Sub 'arn:${AWS::Partition}:s3:::${AWS::StackName}-inbox-${AWS::AccountId}'\n")) {
            assertEquals(Set.of("Crops"), aws.notifiedFunctions());
            assertTrue(aws.notificationQueueUrl("Crops").endsWith("-Crops-s3-notifications"));
        }
    }

    @Test
    void permissionForTheAccountOnlyIsRefusedNamingTheMissingSourceArn() {
        var refused = assertThrows(IllegalStateException.class, () -> provision(""));
        assertTrue(refused.getMessage().contains("Inbox notifies Crops"), refused.getMessage());
        assertTrue(
                refused.getMessage().contains("SourceArn arn:aws:s3:::roster-local-inbox-123456789012"),
                refused.getMessage());
    }

    @Test
    void permissionForAnotherBucketIsRefused() {
        var refused = assertThrows(
                IllegalStateException.class, () -> provision("      SourceArn: arn:aws:s3:::someone-elses-bucket\n"));
        assertTrue(refused.getMessage().contains("S3 would refuse the notification"), refused.getMessage());
    }
}
