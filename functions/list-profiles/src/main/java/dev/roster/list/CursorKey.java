package dev.roster.list;

import dev.roster.core.Env;
import dev.roster.core.aws.AwsClients;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The key that signs list cursors. Read once per execution environment, at init (before the SnapStart
 * snapshot), from the Secrets Manager secret {@code CURSOR_SECRET_ARN} names, so it is never a plain
 * environment variable; {@code CURSOR_SECRET} set directly wins (tests, benchmarks). Rotation: put a new value,
 * then bump {@code CursorSecretGeneration} so the function publishes a new version that reads it.
 */
final class CursorKey {
    static final String SECRET = "CURSOR_SECRET";
    static final String SECRET_ARN = "CURSOR_SECRET_ARN";

    private CursorKey() {}

    /** The function's configuration with the cursor key in {@link #SECRET}, read from Secrets Manager if need be. */
    static Env resolved(Env env) {
        return env.with(
                SECRET,
                from(
                        env,
                        () -> SecretsManagerClient.builder()
                                .httpClient(AwsClients.httpClient())
                                .build()));
    }

    static String from(Env env, Supplier<SecretsManagerClient> secretsManager) {
        String direct = env.optional(SECRET, "");
        if (!direct.isEmpty()) {
            return direct;
        }
        String arn = env.required(SECRET_ARN);
        try (SecretsManagerClient client = secretsManager.get()) {
            String value = client.getSecretValue(b -> b.secretId(arn)).secretString();
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("the cursor secret " + arn + " is empty: put a value into it"
                        + " (operations runbook, Rotate the cursor secret)");
            }
            return value;
        }
    }
}
