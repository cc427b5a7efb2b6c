package dev.roster.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The one loopback HTTP server of the local stack, laid out like the site's distribution: the photos at
 * {@code /photos/…}, the HTTP API at {@code /api/…} (the template's routes and CORS preflights) and the web
 * client at every other {@code GET}, all with the distribution's security headers; plus the local issuer
 * ({@code /local/…}). Logs one line per request.
 */
public final class LocalServer implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final HttpServer server;
    private volatile Routes routes;

    /** What serves which path; set once everything behind the server exists. */
    public record Routes(
            IssuerEndpoints issuer,
            PhotoServer photos,
            FrontDoor api,
            StaticFiles web,
            Map<String, String> securityHeaders) {}

    /** Binds 127.0.0.1:{@code port} (0: any free port) now, so the URL is known before the routes are built. */
    public LocalServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::exchange);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void start(Routes routes) {
        this.routes = routes;
        server.start();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        Instant started = Instant.now();
        String method = exchange.getRequestMethod();
        String target = exchange.getRequestURI().toString();
        FrontDoor.Response response;
        try {
            IncomingRequest request = IncomingRequest.read(exchange);
            response = dispatch(request);
        } catch (IncomingRequest.TooLarge e) {
            response = FrontDoor.Response.message(413, "Request Entity Too Large", e.getMessage());
        } catch (RuntimeException e) {
            e.printStackTrace(System.out);
            response = FrontDoor.Response.message(500, "Internal Server Error", "local server: " + e);
        }
        try (exchange) {
            write(exchange, response);
        } finally {
            System.out.println(TIME.format(LocalTime.now()) + " " + method + " " + target + " " + response.status()
                    + " " + Duration.between(started, Instant.now()).toMillis() + "ms " + response.note());
        }
    }

    private FrontDoor.Response dispatch(IncomingRequest request) {
        Routes r = routes;
        String path = request.rawPath();
        if (path.startsWith(IssuerEndpoints.PREFIX)) {
            return r.issuer().serve(request);
        }
        return withSecurityHeaders(distribution(r, request), r.securityHeaders());
    }

    /** What the site's distribution answers; its response headers policy applies to all of it, as in CloudFront. */
    private static FrontDoor.Response distribution(Routes r, IncomingRequest request) {
        String path = request.rawPath();
        if (path.startsWith(PhotoServer.PREFIX)) {
            return r.photos().serve(request);
        }
        if (r.api().handles(request)) {
            return r.api().handle(request);
        }
        if (request.method().equals("GET") || request.method().equals("HEAD")) {
            return r.web().serve(request);
        }
        // the site's bucket origin allows GET and HEAD only
        return FrontDoor.Response.message(403, "Forbidden", "web: " + request.method() + " is not allowed here");
    }

    private static FrontDoor.Response withSecurityHeaders(FrontDoor.Response response, Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(response.headers());
        all.putAll(headers);
        return new FrontDoor.Response(response.status(), all, response.body(), response.note(), response.cookies());
    }

    private static void write(HttpExchange exchange, FrontDoor.Response response) throws IOException {
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        for (String cookie : response.cookies()) {
            exchange.getResponseHeaders().add("set-cookie", cookie);
        }
        boolean noBody =
                exchange.getRequestMethod().equals("HEAD") || response.status() == 204 || response.status() == 304;
        if (noBody) {
            if (exchange.getRequestMethod().equals("HEAD") && response.body().length > 0) {
                exchange.getResponseHeaders().set("content-length", Integer.toString(response.body().length));
            }
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        if (response.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
