package dev.roster.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.Env;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.SdkCalls;
import dev.roster.junit.WithLocalAws;
import dev.roster.profile.ProfilePriming;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming runs the request code before the snapshot, SDK calls included, and calls no AWS service
 * while doing it: every request goes to the in-memory service of {@code PrimingClients}.
 */
@WithLocalAws
class PrimingTest {
    @Test
    void primingTheHandlersMakesNoAwsCall(LocalAws aws) {
        ListProfilesPriming list = new ListProfilesPriming(
                new Env(aws.functionEnvironment("ListProfilesFunction", Map.of("CURSOR_SECRET", "s"))));
        ProfilePriming profile = new ProfilePriming(new Env(aws.functionEnvironment("ProfileFunction", Map.of())));
        SdkCalls.reset();
        list.beforeCheckpoint(null);
        profile.beforeCheckpoint(null);
        assertEquals(
                List.of(
                        "DynamoDb:Query", // GET /profiles (unfiltered)
                        "DynamoDb:Query",
                        "DynamoDb:Query", // GET /profiles (tag and q), its next page
                        "DynamoDb:Query", // GET /tags
                        "DynamoDb:GetItem",
                        "DynamoDb:GetItem", // GET /me
                        "DynamoDb:GetItem",
                        "DynamoDb:GetItem",
                        "DynamoDb:TransactWriteItems", // PUT /me
                        "DynamoDb:GetItem",
                        "DynamoDb:UpdateItem", // POST /me/photo
                        "DynamoDb:GetItem"),
                SdkCalls.recorded()); // GET /profiles/{id}
        assertTrue(
                SdkCalls.hosts().stream().allMatch("priming.invalid"::equals),
                SdkCalls.hosts().toString());
        assertEquals(
                0,
                aws.dynamoDb()
                        .scan(b -> b.tableName(aws.physicalName("ProfilesTable")))
                        .count());
    }
}
