package dev.roster.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The local issuer over HTTP, under the issuer's path ({@code /local}): {@code POST /local/token} with
 * {@code {"sub","name","email","email_verified","groups"}} returns a signed dev token (groups and
 * {@code email_verified} as Cognito puts them in an ID token: {@code cognito:groups}, a boolean); {@code GET /local/.well-known/openid-configuration}
 * and {@code /local/.well-known/jwks.json} publish it like an OIDC provider, and {@code /local/authorize} with
 * the form-encoded {@code POST /local/token} run the authorization-code flow ({@link AuthorizationCodes}). None of this is in
 * template.yaml: a deployment's members sign in with the real provider. {@code GET /local/stack} tells where
 * the emulator is and what the template's resources are called there (for the AWS CLI and the e2e tests).
 */
public final class IssuerEndpoints {
    public static final String PREFIX = "/local/";
    private static final int MAX_GROUPS = 25;
    private static final Pattern GROUP = Pattern.compile("[^\\s,\\[\\]\"]{1,128}");
    static final String INVOKE = "/local/invoke/";
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._@:|+-]{1,128}");
    private static final int MAX_NAME_CHARS = 200;
    private static final int MAX_EMAIL_CHARS = 254;

    private final LocalIssuer issuer;
    private final Map<String, Object> stack;
    private final AuthorizationCodes codes;
    private final java.util.function.Function<String, LambdaFunction> functions;

    /**
     * @param origin the local stack's own origin (the only place sign-in may redirect to)
     * @param stack  what {@code GET /local/stack} tells (the emulator's endpoint and the resources' local names)
     */
    public IssuerEndpoints(LocalIssuer issuer, String origin, Map<String, Object> stack) {
        this(issuer, origin, stack, id -> null);
    }

    /**
     * @param functions the template's functions by logical id: {@code POST /local/invoke/<LogicalId>} with an
     *                  event as the body invokes one, the local {@code sam remote invoke} (ops jobs, e.g.
     *                  {@code OpsFunction}, are run this way)
     */
    public IssuerEndpoints(
            LocalIssuer issuer,
            String origin,
            Map<String, Object> stack,
            java.util.function.Function<String, LambdaFunction> functions) {
        this.issuer = issuer;
        this.stack = stack;
        this.codes = new AuthorizationCodes(issuer, origin, java.time.Clock.systemUTC());
        this.functions = functions;
    }

    public FrontDoor.Response serve(IncomingRequest request) {
        String path = request.rawPath();
        if (request.method().equals("POST") && path.startsWith(INVOKE)) {
            return invoke(path.substring(INVOKE.length()), request);
        }
        return switch (request.method() + " " + path) {
            case "POST /local/token" ->
                isForm(request)
                        ? codes.exchange(AuthorizationCodes.form(new String(request.body(), StandardCharsets.UTF_8)))
                        : token(request);
            case "GET /local/authorize", "POST /local/authorize" -> codes.authorize(request);
            case "GET /local/.well-known/openid-configuration" -> json(200, issuer.discoveryDocument());
            case "GET /local/.well-known/jwks.json" ->
                json(200, issuer.publicKeys().toJSONObject(true));
            case "GET /local/stack" -> json(200, stack);
            default ->
                error(
                        404,
                        "not_found",
                        "the local stack serves POST /local/token,"
                                + " GET /local/authorize, GET /local/.well-known/openid-configuration,"
                                + " GET /local/.well-known/jwks.json, GET /local/stack and POST /local/invoke/<FunctionLogicalId>");
        };
    }

    private FrontDoor.Response invoke(String logicalId, IncomingRequest request) {
        LambdaFunction function = functions.apply(logicalId);
        if (function == null) {
            return error(404, "not_found", "template.yaml has no function " + logicalId);
        }
        String event = request.body().length == 0 ? "{}" : new String(request.body(), StandardCharsets.UTF_8);
        return switch (function.invokeJson(event, java.util.UUID.randomUUID().toString())) {
            case LambdaFunction.Returned returned -> {
                try {
                    yield json(200, returned.json() == null ? Map.of() : JSON.std.anyFrom(returned.json()));
                } catch (IOException e) {
                    yield error(
                            502, "bad_response", "the function returned something that is not JSON: " + e.getMessage());
                }
            }
            case LambdaFunction.Failed failed ->
                json(
                        200,
                        Map.of(
                                "errorType",
                                failed.errorType(),
                                "errorMessage",
                                String.valueOf(failed.error().getMessage())));
            case LambdaFunction.TimedOut timedOut ->
                error(504, "timeout", logicalId + " ran past its Timeout of " + timedOut.timeout());
        };
    }

    private static boolean isForm(IncomingRequest request) {
        String type = request.header("content-type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private FrontDoor.Response token(IncomingRequest request) {
        Map<String, Object> body;
        try {
            body = JSON.std.mapFrom(new String(request.body(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return error(
                    400,
                    "malformed_json",
                    "send a JSON object: {\"sub\": \"ada\", \"name\": \"Ada Lovelace\","
                            + " \"email\": \"ada@example.org\"}");
        }
        if (body == null) {
            return error(400, "malformed_json", "send a JSON object with at least \"sub\"");
        }
        for (String field : body.keySet()) {
            if (!List.of("sub", "name", "email", "email_verified", "groups").contains(field)) {
                return error(
                        400,
                        "unknown_field",
                        "unknown field \"" + field + "\"; send sub, name, email, email_verified and groups");
            }
        }
        if (!(body.get("sub") instanceof String subject)
                || !SUBJECT.matcher(subject).matches()) {
            return error(400, "invalid_sub", "sub must be a string of 1-128 letters, digits or . _ @ : | + -");
        }
        Object name = body.get("name");
        if (name != null && (!(name instanceof String n) || n.length() > MAX_NAME_CHARS)) {
            return error(400, "invalid_name", "name must be a string of at most " + MAX_NAME_CHARS + " characters");
        }
        Object email = body.get("email");
        if (email != null && (!(email instanceof String e) || e.length() > MAX_EMAIL_CHARS || !e.contains("@"))) {
            return error(400, "invalid_email", "email must be an address like ada@example.org");
        }
        Object verified = body.get("email_verified");
        if (verified != null && !(verified instanceof Boolean)) {
            return error(400, "invalid_email_verified", "email_verified must be true or false");
        }
        Object groups = body.get("groups");
        if (groups != null
                && !(groups instanceof List<?> list
                        && list.size() <= MAX_GROUPS
                        && list.stream()
                                .allMatch(g -> g instanceof String text
                                        && GROUP.matcher(text).matches()))) {
            return error(
                    400,
                    "invalid_groups",
                    "groups must be a list of at most " + MAX_GROUPS
                            + " group names (1-128 characters, no spaces), e.g. [\"roster-admins\"]");
        }
        @SuppressWarnings("unchecked")
        List<String> groupNames = groups == null ? List.of() : (List<String>) groups;
        LocalIssuer.DevToken token = issuer.issue(
                subject, (String) name, (String) email, new LocalIssuer.Membership(groupNames, (Boolean) verified));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", token.token());
        out.put("tokenType", "Bearer");
        out.put("expiresAt", token.expiresAt().toString());
        return json(200, out);
    }

    static FrontDoor.Response json(int status, Object value) {
        try {
            return new FrontDoor.Response(
                    status,
                    Map.of("content-type", "application/json", "cache-control", "no-store"),
                    JSON.std.asBytes(value),
                    "local issuer");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static FrontDoor.Response error(int status, String code, String message) {
        return json(status, Map.of("error", Map.of("code", code, "message", message)));
    }
}
