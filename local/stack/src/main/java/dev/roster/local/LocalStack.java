package dev.roster.local;

import dev.roster.emulator.LocalAws;
import dev.roster.emulator.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./local/run}: roster on one machine. Starts (or reuses) the emulator with what {@code template.yaml}
 * declares, runs the template's functions in this JVM behind a local API Gateway ({@link FrontDoor}) with a
 * local OIDC issuer ({@link LocalIssuer}), pumps the uploads bucket's notifications into the S3-triggered
 * function ({@link NotificationPump}), serves photos ({@link PhotoServer}) and the web client, and seeds a
 * demo community ({@link Seeder}).
 */
public final class LocalStack implements AutoCloseable {
    static final int DEFAULT_PORT = 3000;
    /** The JwtAudience the local stack gives the template (the web client's "client id" locally). */
    public static final String AUDIENCE = "roster-local";

    private final LocalServer server;
    private final LocalAws aws;
    private final LocalIssuer issuer;
    private final Map<String, LambdaFunction> functions;
    private final List<NotificationPump> pumps;
    private final PhotoServer photos;
    private final HttpApiDefinition api;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalStack(
            LocalServer server,
            LocalAws aws,
            LocalIssuer issuer,
            Map<String, LambdaFunction> functions,
            List<NotificationPump> pumps,
            PhotoServer photos,
            HttpApiDefinition api) {
        this.server = server;
        this.aws = aws;
        this.issuer = issuer;
        this.functions = functions;
        this.pumps = pumps;
        this.photos = photos;
        this.api = api;
    }

    /**
     * Starts everything but the seed data on 127.0.0.1:{@code port} (0: a free port). {@code emulator} null:
     * start a moto server of its own; else use the emulator already running there.
     */
    public static LocalStack start(SamTemplate template, int port, URI emulator, Path webRoot) throws IOException {
        LocalServer server = new LocalServer(port);
        LocalAws aws = null;
        try {
            String origin = server.url().toString();
            String issuerUrl = origin + "/local";
            Map<String, String> parameters = Map.of(
                    // the local issuer stands in for the identity provider
                    "IdentityProvider",
                    "external",
                    "JwtIssuer",
                    issuerUrl,
                    "JwtAudience",
                    AUDIENCE,
                    // the site, the API and the photos share this origin; localhost is another one, as an operator may
                    // add
                    "CorsAllowedOrigins",
                    "http://localhost:" + server.port());
            aws = emulator == null
                    ? LocalAws.start(template, parameters)
                    : LocalAws.connect(emulator, template, parameters);
            aws.useAsSdkDefault();

            Map<String, String> overrides = localOverrides(aws, origin);
            Map<String, LambdaFunction> functions = new LinkedHashMap<>();
            for (String id :
                    template.resourcesOfType("AWS::Serverless::Function").keySet()) {
                functions.put(id, LambdaFunction.fromTemplate(aws, id, overrides));
            }

            HttpApiDefinition api = HttpApiDefinition.fromTemplate(aws);
            Clock clock = Clock.systemUTC();
            LocalIssuer issuer = new LocalIssuer(issuerUrl, AUDIENCE, clock);
            Map<String, JwtAuthorizer> authorizers = new LinkedHashMap<>();
            api.authorizers().forEach((name, configuration) -> {
                if (!configuration.issuer().equals(issuerUrl)) {
                    throw new IllegalStateException("authorizer " + name + " trusts " + configuration.issuer()
                            + "; the local stack can only sign tokens for " + issuerUrl);
                }
                authorizers.put(name, new JwtAuthorizer(configuration, issuer.publicKeys(), clock));
            });
            FrontDoor frontDoor = new FrontDoor(
                    api,
                    authorizers,
                    id -> {
                        LambdaFunction function = functions.get(id);
                        if (function == null) {
                            throw new IllegalStateException(
                                    "template.yaml routes to " + id + ", which is not a function");
                        }
                        return function;
                    },
                    clock);

            List<NotificationPump> pumps = new ArrayList<>();
            for (LambdaFunction function : functions.values()) {
                if (aws.notifiedFunctions().contains(function.logicalId())) {
                    pumps.add(NotificationPump.start(aws, function));
                }
            }
            PhotoServer photos = PhotoServer.forDistribution(aws);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("url", origin);
            info.put("api", origin + api.basePath());
            info.put("emulator", aws.endpoint().toString());
            info.put("region", LocalAws.REGION.id());
            Map<String, String> resources = new LinkedHashMap<>();
            for (String id : template.resources().keySet()) {
                resources.put(id, aws.physicalName(id));
            }
            info.put("resources", resources);
            server.start(new LocalServer.Routes(
                    new IssuerEndpoints(issuer, origin, info, functions::get),
                    photos,
                    frontDoor,
                    new StaticFiles(webRoot),
                    ResponseHeaders.fromTemplate(aws)));
            return new LocalStack(server, aws, issuer, functions, pumps, photos, api);
        } catch (RuntimeException e) {
            server.close();
            if (aws != null) {
                aws.close();
            }
            throw e;
        }
    }

    /**
     * What has no local meaning in the functions' environment: the distribution's domain becomes this server's
     * origin. (Secrets are real: the emulator holds the template's secrets, and the functions read them.)
     */
    static Map<String, String> localOverrides(LocalAws aws, String origin) {
        return Map.of("PHOTOS_BASE_URL", origin);
    }

    public URI url() {
        return server.url();
    }

    /** Where the HTTP API answers: {@code /api} on this origin, as on the site's distribution. */
    public URI apiUrl() {
        return URI.create(server.url() + api.basePath());
    }

    public LocalAws aws() {
        return aws;
    }

    public LocalIssuer issuer() {
        return issuer;
    }

    public PhotoServer photos() {
        return photos;
    }

    /** Events the S3 pumps have received and not finished with. */
    public int pendingNotifications() {
        return pumps.stream().mapToInt(NotificationPump::inFlight).sum();
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("roster local: " + e.getMessage());
            System.exit(2);
            return;
        }
        Instant started = Instant.now();
        SamTemplate template = SamTemplate.locate();
        String external = System.getenv("AWS_ENDPOINT_URL");
        URI emulator = external == null || external.isBlank() ? null : URI.create(external);
        Path web = template.path().toAbsolutePath().getParent().resolve("web");
        try (LocalStack stack = start(template, options.port(), emulator, web)) {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                stack.close();
                                stopped.countDown();
                            },
                            "local-stack-stop"));
            String seeded = "";
            if (options.seed()) {
                Seeder.Result result = new Seeder(stack.apiUrl()).seed();
                seeded = " · " + result.summary();
            }
            System.out.println("roster local: ready at " + stack.url() + "/ in "
                    + Duration.between(started, Instant.now()).toMillis() + " ms · API, photos and web client on that"
                    + " port · emulator " + stack.aws().endpoint() + seeded + " · Ctrl-C stops");
            stopped.await();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pumps.forEach(NotificationPump::close);
            server.close();
            functions.values().forEach(LambdaFunction::close);
            aws.close();
        }
    }

    record Options(int port, boolean seed) {
        static Options parse(String[] args) {
            int port = DEFAULT_PORT;
            boolean seed = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> {
                        if (i + 1 >= args.length
                                || !args[i + 1].matches("\\d{1,5}")
                                || Integer.parseInt(args[i + 1]) > 65535) {
                            throw new IllegalArgumentException(
                                    "--port needs a port number (0-65535), e.g. --port 3000");
                        }
                        port = Integer.parseInt(args[++i]);
                    }
                    case "--no-seed" -> seed = false;
                    default ->
                        throw new IllegalArgumentException(
                                "unknown option " + args[i] + "; usage: ./local/run [--port N] [--no-seed]");
                }
            }
            return new Options(port, seed);
        }
    }
}
