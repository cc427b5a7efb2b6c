package dev.roster.local;

import static dev.roster.emulator.SamTemplate.asMap;
import static dev.roster.emulator.SamTemplate.properties;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.roster.emulator.LocalAws;
import dev.roster.emulator.S3NotificationQueue;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for Lambda's S3 trigger: long-polls the SQS queue that receives the emulator's notifications for
 * one S3-triggered function and invokes the function with each {@link S3Event}, asynchronously, as S3 does.
 * A failed invocation is retried {@code EventInvokeConfig.MaximumRetryAttempts} times (template default 2)
 * and then sent to its {@code OnFailure} destination in the shape Lambda's destinations use. Lambda waits
 * about a minute, then two, between attempts; locally the waits are {@link #retryDelays} (seconds).
 */
public final class NotificationPump implements AutoCloseable {
    private static final int CONCURRENT_INVOCATIONS = 2;

    private final LocalAws aws;
    private final LambdaFunction function;
    private final S3NotificationQueue queue;
    private final int maximumRetries;
    private final String failureQueueUrl;
    private final List<Duration> retryDelays;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Semaphore slots = new Semaphore(CONCURRENT_INVOCATIONS);
    private final ExecutorService invocations = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread poller;

    NotificationPump(LocalAws aws, LambdaFunction function, List<Duration> retryDelays) {
        this.aws = aws;
        this.function = function;
        this.queue = S3NotificationQueue.of(aws, function.logicalId());
        this.retryDelays = List.copyOf(retryDelays);
        Map<String, Object> invokeConfig = asMap(
                properties(aws.template().resource(function.logicalId())).getOrDefault("EventInvokeConfig", Map.of()));
        this.maximumRetries = Integer.parseInt(String.valueOf(invokeConfig.getOrDefault("MaximumRetryAttempts", 2)));
        this.failureQueueUrl = failureQueue(aws, invokeConfig);
        this.poller = Thread.ofPlatform()
                .daemon()
                .name("pump-" + function.logicalId())
                .unstarted(this::pollUntilClosed);
    }

    /** Starts pumping the notifications of {@code function} (an S3-triggered function of the template). */
    public static NotificationPump start(LocalAws aws, LambdaFunction function) {
        return start(aws, function, List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }

    static NotificationPump start(LocalAws aws, LambdaFunction function, List<Duration> retryDelays) {
        NotificationPump pump = new NotificationPump(aws, function, retryDelays);
        pump.poller.start();
        return pump;
    }

    /** Events received and not yet finished (processed, or given up on). */
    public int inFlight() {
        return inFlight.get();
    }

    private void pollUntilClosed() {
        while (running.get()) {
            try {
                for (S3Event event : queue.poll(Duration.ofSeconds(1))) {
                    inFlight.incrementAndGet();
                    slots.acquire();
                    invocations.execute(
                            () -> { // execute, not submit: a failure is printed, not kept in a Future nobody reads
                                try {
                                    deliver(event);
                                } finally {
                                    slots.release();
                                    inFlight.decrementAndGet();
                                }
                            });
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running.get()) {
                    System.out.println("[" + function.logicalId() + "] notification queue: " + e);
                    sleep(Duration.ofSeconds(1));
                }
            }
        }
    }

    private void deliver(S3Event event) {
        String requestId = UUID.randomUUID().toString();
        String keys = String.join(
                ", ",
                event.getRecords().stream()
                        .map(r -> r.getS3().getObject().getUrlDecodedKey())
                        .toList());
        for (int attempt = 0; attempt <= maximumRetries; attempt++) {
            if (attempt > 0) {
                sleep(retryDelays.get(Math.min(attempt - 1, retryDelays.size() - 1)));
                if (!running.get()) {
                    return;
                }
            }
            Instant started = Instant.now();
            LambdaFunction.Outcome outcome = function.invoke(event, requestId);
            long ms = Duration.between(started, Instant.now()).toMillis();
            switch (outcome) {
                case LambdaFunction.Returned returned -> {
                    System.out.println("[" + function.logicalId() + "] " + keys + " processed in " + ms + " ms");
                    return;
                }
                case LambdaFunction.Failed failed ->
                    System.out.println("[" + function.logicalId() + "] " + keys + " failed (attempt " + (attempt + 1)
                            + " of " + (maximumRetries + 1) + "): " + failed.error());
                case LambdaFunction.TimedOut timedOut ->
                    System.out.println("[" + function.logicalId() + "] " + keys + " timed out (attempt " + (attempt + 1)
                            + " of " + (maximumRetries + 1) + ")");
            }
            if (attempt == maximumRetries) {
                sendToFailureDestination(event, requestId, outcome, attempt + 1);
            }
        }
    }

    /** The record Lambda sends to an on-failure destination (condition RetriesExhausted). */
    private void sendToFailureDestination(
            S3Event event, String requestId, LambdaFunction.Outcome outcome, int attempts) {
        if (failureQueueUrl == null) {
            System.out.println("[" + function.logicalId() + "] no OnFailure destination: event dropped");
            return;
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().toString());
        record.put(
                "requestContext",
                Map.of(
                        "requestId",
                        requestId,
                        "functionArn",
                        "arn:aws:lambda:" + LocalAws.REGION.id() + ":" + LocalAws.ACCOUNT_ID + ":function:"
                                + aws.physicalName(function.logicalId()) + ":$LATEST",
                        "condition",
                        "RetriesExhausted",
                        "approximateInvokeCount",
                        attempts));
        record.put(
                "responseContext",
                Map.of("statusCode", 200, "executedVersion", "$LATEST", "functionError", "Unhandled"));
        String errorType = outcome instanceof LambdaFunction.Failed f ? f.errorType() : "Sandbox.Timedout";
        String errorMessage = outcome instanceof LambdaFunction.Failed f
                ? String.valueOf(f.error().getMessage())
                : "Task timed out";
        record.put("responsePayload", Map.of("errorType", errorType, "errorMessage", errorMessage));
        try {
            Map<String, Object> payload = new LinkedHashMap<>(record);
            payload.put("requestPayload", JSON.std.anyFrom(S3EventJson.toJson(event)));
            String body = JSON.std.asString(payload);
            aws.sqs().sendMessage(b -> b.queueUrl(failureQueueUrl).messageBody(body));
            System.out.println("[" + function.logicalId() + "] retries exhausted: event sent to " + failureQueueUrl);
        } catch (IOException e) {
            System.out.println("[" + function.logicalId() + "] cannot write the failure record: " + e);
        }
    }

    private static String failureQueue(LocalAws aws, Map<String, Object> invokeConfig) {
        Object destination = asMap(asMap(invokeConfig.getOrDefault("DestinationConfig", Map.of()))
                        .getOrDefault("OnFailure", Map.of()))
                .get("Destination");
        if (destination == null) {
            return null;
        }
        Map<String, Object> reference = asMap(destination);
        Object getAtt = reference.get("Fn::GetAtt");
        String logicalId = getAtt instanceof List<?> parts
                ? String.valueOf(parts.getFirst())
                : String.valueOf(reference.get("Ref"));
        return aws.sqs()
                .getQueueUrl(b -> b.queueName(aws.physicalName(logicalId)))
                .queueUrl();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        poller.interrupt();
        invocations.shutdownNow();
        try {
            poller.join(3000);
            invocations.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
