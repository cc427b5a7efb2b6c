package dev.roster.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The assembled stack: the template's own handler classes behind the front door, trusting the local issuer. */
@WithLocalAws
class LocalStackTest {

    @Test
    void theDistributionsDomainBecomesThisOrigin(LocalAws aws) {
        // crops are written under photos/ and served at the same path on this origin
        assertEquals(
                "http://127.0.0.1:3999",
                LocalStack.localOverrides(aws, "http://127.0.0.1:3999").get("PHOTOS_BASE_URL"));
    }

    @Test
    void theCursorKeyIsASecretInTheEmulatorNotAnEnvironmentValue(LocalAws aws) {
        Map<String, String> env = aws.functionEnvironment("ListProfilesFunction", Map.of());
        assertFalse(env.containsKey("CURSOR_SECRET"), "the key itself is not in the environment");
        String secret = aws.secretsManager()
                .getSecretValue(b -> b.secretId(env.get("CURSOR_SECRET_ARN")))
                .secretString();
        assertTrue(secret.length() >= 40, secret);
    }

    @Test
    void devTokenFromTheStacksIssuerReachesTheTemplatesHandler(LocalAws aws) throws Exception {
        try (LocalStack stack = LocalStack.start(aws.template(), 0, aws.endpoint(), Path.of("../../web"))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> issued = http.send(
                    HttpRequest.newBuilder(URI.create(stack.url() + "/local/token"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"stack-test\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String token = String.valueOf(JSON.std.mapFrom(issued.body()).get("token"));

            HttpResponse<String> me = http.send(
                    HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/me"))
                            .timeout(Duration.ofSeconds(30))
                            .header("authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            // ProfileHandler itself answered (in its API's error shape), not the authorizer or the gateway
            assertNotEquals(401, me.statusCode(), me.body());
            assertNotEquals(500, me.statusCode(), me.body());
            assertTrue(me.body().contains("\"error\"") || me.statusCode() == 200, me.body());
            assertEquals(
                    401,
                    http.send(
                                    HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/me"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode());
        }
    }

    @Test
    void opsFunctionRunsAgainstTheLocalStackLikeSamRemoteInvoke(LocalAws aws) throws Exception {
        try (LocalStack stack = LocalStack.start(aws.template(), 0, aws.endpoint(), Path.of("../../web"))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> reply = http.send(
                    HttpRequest.newBuilder(URI.create(stack.url() + "/local/invoke/OpsFunction"))
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"job\":\"reprocess\",\"dryRun\":true}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, reply.statusCode(), reply.body());
            Map<String, Object> report = JSON.std.mapFrom(reply.body());
            assertEquals("reprocess", report.get("job"), reply.body());
            assertEquals(Boolean.TRUE, report.get("done"), reply.body());

            HttpResponse<String> refused = http.send(
                    HttpRequest.newBuilder(URI.create(stack.url() + "/local/invoke/OpsFunction"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"job\":\"rebuild\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(refused.body().contains("errorMessage") && refused.body().contains("'rebuild'"), refused.body());
        }
    }
}
