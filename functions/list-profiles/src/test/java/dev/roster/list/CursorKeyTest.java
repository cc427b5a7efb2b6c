package dev.roster.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.Env;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.http.ApiEvents;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The cursor key comes from Secrets Manager at init, never from a plain environment value of the template. */
@WithLocalAws
class CursorKeyTest {
    private static SecretsManagerClient secretsManager() {
        return SecretsManagerClient.builder()
                .httpClient(AwsClients.httpClient())
                .build();
    }

    @Test
    void theKeyIsReadFromTheSecretTheEnvironmentNames(LocalAws aws) {
        String arn = aws.secretsManager()
                .createSecret(b -> b.name("cursor-key-test").secretString("k".repeat(64)))
                .arn();
        assertEquals(
                "k".repeat(64),
                CursorKey.from(new Env(Map.of("CURSOR_SECRET_ARN", arn)), CursorKeyTest::secretsManager));
        // a key given directly wins (tests, benchmarks) and no client is built
        assertEquals(
                "direct", CursorKey.from(new Env(Map.of("CURSOR_SECRET", "direct", "CURSOR_SECRET_ARN", arn)), () -> {
                    throw new AssertionError("Secrets Manager was called");
                }));
    }

    @Test
    void anEmptySecretFailsAtStartSayingWhatToDo(LocalAws aws) {
        String arn = aws.secretsManager()
                .createSecret(b -> b.name("cursor-key-empty").secretString(" "))
                .arn();
        IllegalStateException error = assertThrows(
                IllegalStateException.class,
                () -> CursorKey.from(new Env(Map.of("CURSOR_SECRET_ARN", arn)), CursorKeyTest::secretsManager));
        assertTrue(error.getMessage().contains("put a value"), error.getMessage());
    }

    @Test
    void theFunctionAsTheTemplateConfiguresItSignsCursorsWithTheSecret(LocalAws aws) {
        Map<String, String> env = aws.functionEnvironment("ListProfilesFunction", Map.of());
        assertFalse(env.containsKey("CURSOR_SECRET"));
        ListProfilesHandler handler = new ListProfilesHandler(new Env(env));
        APIGatewayV2HTTPResponse page = handler.handle(ApiEvents.route("GET /profiles").stream());
        assertEquals(200, page.getStatusCode(), page.getBody());
    }
}
