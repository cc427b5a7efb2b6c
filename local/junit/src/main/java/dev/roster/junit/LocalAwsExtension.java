package dev.roster.junit;

import dev.roster.emulator.LocalAws;
import dev.roster.emulator.SamTemplate;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts moto server once per test JVM (stored in the root context, closed when the JVM's tests end),
 * creates the template's resources, and resets them before each test class so classes never see each
 * other's data.
 */
public final class LocalAwsExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalAwsExtension.class);

    /** Parameter values the tests run with, where the template's defaults would not do locally. */
    static final Map<String, String> TEST_PARAMETERS = Map.of(
            "IdentityProvider", "external",
            "JwtIssuer", "http://127.0.0.1/roster-test-issuer",
            "JwtAudience", "roster-test",
            // another origin an operator added (the site's own needs no CORS): the CORS tests use it
            "CorsAllowedOrigins", "http://localhost:3000");

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalAws local = localAws(context);
        local.reset();
        local.useAsSdkDefault();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return localAws(context);
    }

    private static LocalAws localAws(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(
                        LocalAws.class, key -> LocalAws.start(SamTemplate.locate(), TEST_PARAMETERS), LocalAws.class);
    }
}
