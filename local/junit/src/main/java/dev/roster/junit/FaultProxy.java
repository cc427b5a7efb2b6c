package dev.roster.junit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP proxy on 127.0.0.1 in front of the emulator that misbehaves on request, the way a real endpoint can:
 * it forwards, answers DynamoDB's {@code ProvisionedThroughputExceededException} a number of times, stops
 * in the middle of a request (the connection drops, later ones are refused) or holds requests without
 * answering. A real protocol peer, not a mock: the SDK's own HTTP client, retries and timeouts run against it.
 * It counts every request it receives, so a test sees the SDK's retries. Stops itself on {@link #close()}.
 */
public final class FaultProxy implements AutoCloseable {
    /** Hop-by-hop and computed headers the forwarder must not copy. */
    private static final Set<String> NOT_COPIED = Set.of(
            "host", "connection", "content-length", "expect", "upgrade", "transfer-encoding", "keep-alive", "date");

    private static final Duration LONGEST_HOLD = Duration.ofSeconds(30);

    private sealed interface Mode {
        record Forward() implements Mode {}

        record Throttle(AtomicInteger remaining, String operation) implements Mode {}

        record StopMidRequest(String operation, boolean afterForwarding) implements Mode {}

        record Hold(CountDownLatch release) implements Mode {}

        record LoseAnswer(String operation) implements Mode {}
    }

    private final URI upstream;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final AtomicReference<Mode> mode = new AtomicReference<>(new Mode.Forward());
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile boolean stopped;
    private volatile boolean oneAtATime;
    private final java.util.concurrent.locks.ReentrantLock upstreamLock =
            new java.util.concurrent.locks.ReentrantLock(true);

    private FaultProxy(URI upstream) {
        this.upstream = upstream;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public static FaultProxy inFrontOf(URI upstream) {
        return new FaultProxy(upstream);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests received so far (every SDK attempt is one). */
    public int requests() {
        return requests.get();
    }

    /** Requests answered with a throttling error so far. */
    public int throttled() {
        return throttled.get();
    }

    /**
     * Passes requests on one at a time, as DynamoDB isolates transactions. moto does not: it applies a
     * transaction's actions one by one to the live table and, when a condition fails, puts back a copy of the
     * table it took before, so two concurrent transactions can both pass their conditions or undo each other's
     * writes. Tests of concurrent requests go through this to race the callers, not the emulator.
     */
    public FaultProxy oneAtATime() {
        oneAtATime = true;
        return this;
    }

    public void forward() {
        release(mode.getAndSet(new Mode.Forward()));
    }

    /** The next {@code times} requests get DynamoDB's throttling error (HTTP 400); later ones are forwarded. */
    public void throttle(int times) {
        throttle(times, null);
    }

    /** The next {@code times} calls of one DynamoDB operation ({@code TransactWriteItems}) are throttled; others pass. */
    public void throttle(int times, String operation) {
        release(mode.getAndSet(new Mode.Throttle(new AtomicInteger(times), operation)));
    }

    /** The next request stops the proxy while it is being handled: its connection drops, later ones are refused. */
    public void stopMidRequest() {
        release(mode.getAndSet(new Mode.StopMidRequest(null, false)));
    }

    /**
     * The proxy stops at the first call of {@code operation}: before passing it on (the call never happened,
     * as when the caller crashes just before it) or after (it happened, but its answer is lost).
     */
    public void stopAt(String operation, boolean afterForwarding) {
        release(mode.getAndSet(new Mode.StopMidRequest(operation, afterForwarding)));
    }

    /**
     * The next call of {@code operation} is passed on and applied, but its connection is closed before the answer
     * goes back, as when a response is lost on the way; later requests (the SDK's retry of it too) are forwarded.
     */
    public void loseAnswerTo(String operation) {
        release(mode.getAndSet(new Mode.LoseAnswer(operation)));
    }

    /** Requests are held unanswered until the mode changes (or 30 s pass), then their connection is closed. */
    public void hold() {
        release(mode.getAndSet(new Mode.Hold(new CountDownLatch(1))));
    }

    private static void release(Mode previous) {
        if (previous instanceof Mode.Hold hold) {
            hold.release().countDown();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String target = exchange.getRequestHeaders().getFirst("x-amz-target");
        switch (mode.get()) {
            case Mode.Throttle throttle
            when is(target, throttle.operation()) && throttle.remaining().getAndDecrement() > 0 -> {
                throttled.incrementAndGet();
                byte[] error = """
                        {"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",\
                        "message":"The level of configured provisioned throughput for the table was exceeded."}""".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("content-type", "application/x-amz-json-1.0");
                exchange.getResponseHeaders().set("x-amzn-requestid", "fault-proxy-" + requests.get());
                exchange.sendResponseHeaders(400, error.length);
                exchange.getResponseBody().write(error);
                exchange.close();
            }
            case Mode.StopMidRequest stop
            when is(target, stop.operation()) -> {
                if (stop.afterForwarding()) {
                    send(body, exchange); // applied upstream; the answer never comes back
                }
                stopped = true;
                server.stop(0); // closes this exchange's connection too: the caller sees it drop mid-request
            }
            case Mode.LoseAnswer lose
            when is(target, lose.operation()) && mode.compareAndSet(lose, new Mode.Forward()) -> {
                send(body, exchange);
                exchange.close(); // no answer was sent: the caller sees the connection end without one
            }
            case Mode.Hold hold -> {
                try {
                    hold.release().await(LONGEST_HOLD.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            }
            default -> forward(exchange, body);
        }
    }

    /** Whether a request with this {@code X-Amz-Target} is a call of {@code operation} (null: any request). */
    private static boolean is(String target, String operation) {
        return operation == null || (target != null && target.endsWith("." + operation));
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpResponse<byte[]> response;
        if (oneAtATime) {
            upstreamLock.lock();
            try {
                response = send(body, exchange);
            } finally {
                upstreamLock.unlock();
            }
        } else {
            response = send(body, exchange);
        }
        if (response == null) {
            exchange.close();
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        byte[] answer = response.body();
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.statusCode(), head || answer.length == 0 ? -1 : answer.length);
        if (!head) {
            exchange.getResponseBody().write(answer);
        }
        exchange.close();
    }

    /** The request passed on upstream; null if interrupted. */
    private HttpResponse<byte[]> send(byte[] body, HttpExchange exchange) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        upstream.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(30));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        release(mode.getAndSet(new Mode.Forward()));
        if (!stopped) {
            server.stop(0);
        }
        client.close();
    }
}
