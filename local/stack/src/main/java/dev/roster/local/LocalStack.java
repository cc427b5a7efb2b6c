package dev.roster.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.roster.emulator.LocalAws;
import dev.roster.emulator.SamTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./local/run}: roster on one machine. Starts (or reuses) the emulator, creates what
 * {@code template.yaml} declares, and serves {@code web/} on loopback.
 */
public final class LocalStack implements AutoCloseable {
    static final int DEFAULT_PORT = 3000;
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "json", "application/json",
            "png", "image/png", "jpg", "image/jpeg", "ico", "image/x-icon");

    private final LocalAws aws;
    private final HttpServer server;
    private final Path webRoot;
    private final AtomicBoolean closed = new AtomicBoolean();

    LocalStack(LocalAws aws, int port, Path webRoot) throws IOException {
        this.aws = aws;
        this.webRoot = webRoot.toAbsolutePath().normalize();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::serveStatic);
        server.start();
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        SamTemplate template = SamTemplate.locate();
        String external = System.getenv("AWS_ENDPOINT_URL");
        LocalAws aws = external == null || external.isBlank()
                ? LocalAws.start(template, Map.of())
                : LocalAws.connect(URI.create(external), template, Map.of());
        Path web = template.path().toAbsolutePath().getParent().resolve("web");
        try (LocalStack stack = new LocalStack(aws, options.port(), web)) {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                stopped.countDown();
            }, "local-stack-stop"));
            System.out.println("roster local: web client at " + stack.url() + " · emulator at " + aws.endpoint()
                    + " (table " + aws.physicalName("ProfilesTable") + ") · the HTTP API and the thumbnail pump"
                    + " are not served yet · Ctrl-C stops");
            stopped.await();
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void serveStatic(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Path file = webRoot.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
            if (!exchange.getRequestMethod().equals("GET") || !file.startsWith(webRoot) || !Files.isRegularFile(file)) {
                byte[] body = "not found".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            String name = file.getFileName().toString();
            String extension = name.substring(name.lastIndexOf('.') + 1);
            exchange.getResponseHeaders().set("content-type", CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"));
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
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
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--port needs a number, e.g. --port 3000");
                        }
                        port = Integer.parseInt(args[++i]);
                    }
                    case "--no-seed" -> seed = false;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; usage: ./local/run [--port N] [--no-seed]");
                }
            }
            return new Options(port, seed);
        }
    }
}
