package dev.roster.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * moto server (S3, DynamoDB, SQS and more on one port) as a child process bound to 127.0.0.1.
 * <p>
 * It stops with {@link #close()}, and also by itself when this JVM dies however it dies: the Python
 * launcher exits as soon as its standard input (a pipe from this JVM) reaches end of file.
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String INSTALL_HINT = "install it with: python3 -m pip install 'moto[server]'"
            + " (or point ROSTER_PYTHON at a Python that has it; ./local/run makes such a venv under .venv/)";

    /**
     * The Python that runs moto's server and exits when the parent closes stdin; it also makes moto's
     * TransactWriteItems back up each table once rather than once per action (see the script).
     */
    private static final String LAUNCHER = launcher();

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Python to run moto with: {@code ROSTER_PYTHON}, else {@code python3}. */
    public static String python() {
        String configured = System.getenv("ROSTER_PYTHON");
        return configured == null || configured.isBlank() ? "python3" : configured;
    }

    public static MotoServer start() {
        String python = python();
        checkInstalled(python);
        int port = freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        try {
            Process process = new ProcessBuilder(python, "-c", LAUNCHER, Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            MotoServer server = new MotoServer(process, endpoint);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "moto-server-stop"));
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start moto server with " + python, e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Clears every bucket, table and queue ({@code POST /moto-api/reset}). */
    public void reset() {
        request("POST", "/moto-api/reset");
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "moto server exited at start (code " + process.exitValue() + "); " + INSTALL_HINT);
            }
            try {
                if (request("GET", "/moto-api/") == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            sleep(Duration.ofMillis(100));
        }
        close();
        throw new IllegalStateException("moto server did not answer on " + endpoint + " within " + START_TIMEOUT);
    }

    private int request(String method, String path) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(10_000);
            if (method.equals("POST")) {
                connection.setDoOutput(true);
                connection.getOutputStream().close();
            }
            int status = connection.getResponseCode();
            connection.getInputStream().readAllBytes();
            connection.disconnect();
            return status;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkInstalled(String python) {
        try {
            Process check = new ProcessBuilder(python, "-c", "import moto.server, flask")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (check.waitFor() != 0) {
                throw new IllegalStateException("moto server is not installed for " + python + ": " + INSTALL_HINT
                        + "\n" + output.lines().reduce((first, last) -> last).orElse(""));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + python + " to start moto server: " + INSTALL_HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking for moto", e);
        }
    }

    private static String launcher() {
        try (var script = MotoServer.class.getResourceAsStream("moto_launcher.py")) {
            if (script == null) {
                throw new IllegalStateException("moto_launcher.py is missing from the emulator's class path");
            }
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read moto_launcher.py", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
