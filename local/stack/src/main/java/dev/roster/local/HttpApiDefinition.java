package dev.roster.local;

import static dev.roster.emulator.SamTemplate.asList;
import static dev.roster.emulator.SamTemplate.asMap;
import static dev.roster.emulator.SamTemplate.properties;

import dev.roster.emulator.Intrinsics;
import dev.roster.emulator.LocalAws;
import dev.roster.emulator.SamTemplate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API as {@code template.yaml} declares it: every function's {@code HttpApi} events (method, path,
 * authorizer), the API's JWT authorizer configuration and its CORS configuration, evaluated with the local
 * parameter values, and the stage it is served at ({@code StageName}: a named stage answers under
 * {@code /<stage>/…}, as the distribution's {@code /api/*} reaches it). The front door serves exactly this; a
 * route added to the template is served locally on the next run.
 */
public record HttpApiDefinition(
        String stage, List<Route> routes, Map<String, JwtConfiguration> authorizers, CorsPolicy cors) {
    public static final String DEFAULT_STAGE = "$default";

    /** Where the API's routes start: {@code /api} for the stage {@code api}, the root for {@code $default}. */
    public String basePath() {
        return stage.equals(DEFAULT_STAGE) ? "" : "/" + stage;
    }

    /** The path a route sees: {@code /api/profiles} → {@code /profiles}; empty when outside the stage. */
    public Optional<String> routePath(String rawPath) {
        String base = basePath();
        if (base.isEmpty()) {
            return Optional.of(rawPath);
        }
        return rawPath.startsWith(base + "/") ? Optional.of(rawPath.substring(base.length())) : Optional.empty();
    }

    /** One {@code HttpApi} event: {@code GET /profiles/{id}} → {@code ProfileFunction}. */
    public record Route(String method, String path, String functionId, String authorizer) {
        public String routeKey() {
            return method + " " + path;
        }

        List<String> segments() {
            return split(path);
        }

        /** Path parameters when {@code rawPath} matches this route's path, else empty. */
        Optional<Map<String, String>> match(String requestPath) {
            List<String> want = segments();
            List<String> got = split(requestPath);
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < want.size(); i++) {
                String segment = want.get(i);
                if (segment.startsWith("{") && segment.endsWith("+}")) {
                    if (i >= got.size()) {
                        return Optional.empty();
                    }
                    parameters.put(
                            segment.substring(1, segment.length() - 2), String.join("/", got.subList(i, got.size())));
                    return Optional.of(parameters);
                }
                if (i >= got.size()) {
                    return Optional.empty();
                }
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    if (got.get(i).isEmpty()) {
                        return Optional.empty();
                    }
                    parameters.put(segment.substring(1, segment.length() - 1), got.get(i));
                } else if (!segment.equals(got.get(i))) {
                    return Optional.empty();
                }
            }
            return want.size() == got.size() ? Optional.of(parameters) : Optional.empty();
        }

        /** API Gateway prefers literal segments over {@code {param}}, and both over {@code {greedy+}}. */
        int specificity() {
            int score = 0;
            for (String segment : segments()) {
                score = score * 3 + (segment.endsWith("+}") ? 0 : segment.startsWith("{") ? 1 : 2);
            }
            return score;
        }

        private static List<String> split(String path) {
            String trimmed = path.startsWith("/") ? path.substring(1) : path;
            return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
        }
    }

    /** An HTTP API JWT authorizer: the issuer ({@code iss} must equal it) and the accepted audiences. */
    public record JwtConfiguration(String issuer, List<String> audiences) {}

    /** A matched route and its path parameters. */
    public record Match(Route route, Map<String, String> pathParameters) {}

    /**
     * The route API Gateway would pick for this request, if any (method {@code ANY} matches every method);
     * {@code rawPath} includes the stage, as the request and the event's {@code rawPath} do.
     */
    public Optional<Match> route(String method, String rawPath) {
        Optional<String> path = routePath(rawPath);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        return routes.stream()
                .filter(r -> r.method().equals(method) || r.method().equals("ANY"))
                .sorted(Comparator.comparingInt(Route::specificity)
                        .reversed()
                        .thenComparing(r -> r.method().equals("ANY") ? 1 : 0))
                .flatMap(r -> r.match(path.get()).map(p -> new Match(r, p)).stream())
                .findFirst();
    }

    /** Reads the first {@code AWS::Serverless::HttpApi} of the template and the functions' events on it. */
    public static HttpApiDefinition fromTemplate(LocalAws aws) {
        SamTemplate template = aws.template();
        Intrinsics intrinsics = aws.intrinsics();
        Map<String, Map<String, Object>> apis = template.resourcesOfType("AWS::Serverless::HttpApi");
        if (apis.size() != 1) {
            throw new IllegalStateException(
                    "the local front door serves one AWS::Serverless::HttpApi; template.yaml has " + apis.size());
        }
        String apiId = apis.keySet().iterator().next();
        Map<String, Object> api = properties(apis.get(apiId));
        Map<String, Object> auth = asMap(api.getOrDefault("Auth", Map.of()));
        String defaultAuthorizer = String.valueOf(auth.getOrDefault("DefaultAuthorizer", "NONE"));

        Map<String, JwtConfiguration> authorizers = new LinkedHashMap<>();
        asMap(auth.getOrDefault("Authorizers", Map.of())).forEach((name, raw) -> {
            Map<String, Object> authorizer = asMap(raw);
            Object jwt = authorizer.get("JwtConfiguration");
            if (jwt == null) {
                throw new IllegalStateException("authorizer " + name + " is not a JWT authorizer; the local front door"
                        + " only implements JWT authorizers");
            }
            String identitySource =
                    String.valueOf(authorizer.getOrDefault("IdentitySource", "$request.header.Authorization"));
            if (!identitySource.equalsIgnoreCase("$request.header.Authorization")) {
                throw new IllegalStateException("authorizer " + name + " reads " + identitySource
                        + "; the local front door reads $request.header.Authorization only");
            }
            Map<String, Object> config = asMap(intrinsics.evaluate(jwt));
            List<String> audiences =
                    asList(config.get("audience")).stream().map(String::valueOf).toList();
            authorizers.put(name, new JwtConfiguration(String.valueOf(config.get("issuer")), audiences));
        });

        List<Route> routes = new ArrayList<>();
        template.resourcesOfType("AWS::Serverless::Function")
                .forEach((functionId, function) -> asMap(properties(function).getOrDefault("Events", Map.of()))
                        .forEach((eventName, raw) -> {
                            Map<String, Object> event = asMap(raw);
                            if (!"HttpApi".equals(event.get("Type"))) {
                                return;
                            }
                            Map<String, Object> props = asMap(event.getOrDefault("Properties", Map.of()));
                            Object apiRef = props.get("ApiId");
                            if (apiRef != null && !apiId.equals(asMap(apiRef).get("Ref"))) {
                                return;
                            }
                            String method = String.valueOf(props.getOrDefault("Method", "ANY"))
                                    .toUpperCase(Locale.ROOT);
                            String path = String.valueOf(props.getOrDefault("Path", "/{proxy+}"));
                            String authorizer = String.valueOf(asMap(props.getOrDefault("Auth", Map.of()))
                                    .getOrDefault("Authorizer", defaultAuthorizer));
                            if (!authorizer.equals("NONE") && !authorizers.containsKey(authorizer)) {
                                throw new IllegalStateException(functionId + "." + eventName + " uses authorizer "
                                        + authorizer + ", which " + apiId + " does not define");
                            }
                            routes.add(new Route(
                                    method,
                                    method.equals("ANY") && path.equals("$default") ? "/{proxy+}" : path,
                                    functionId,
                                    authorizer));
                        }));

        Object corsConfiguration =
                api.containsKey("CorsConfiguration") ? intrinsics.evaluate(api.get("CorsConfiguration")) : null;
        CorsPolicy cors = corsConfiguration == null ? CorsPolicy.NONE : CorsPolicy.from(asMap(corsConfiguration));
        String stage = String.valueOf(api.getOrDefault("StageName", DEFAULT_STAGE));
        return new HttpApiDefinition(stage, List.copyOf(routes), Map.copyOf(authorizers), cors);
    }
}
