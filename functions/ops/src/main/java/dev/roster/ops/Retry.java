package dev.roster.ops;

import dev.roster.core.aws.Failures;
import dev.roster.core.observe.Log;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one unit of a job's work (an import row) again after a transient failure (a timeout, a dropped
 * connection, throttling past the SDK's own retries), waiting twice as long each time. The SDK has already
 * retried each call a few times within its call timeout; this is the slower, job-level layer above it, for
 * an emulator or a table that stalls for seconds. Jitter is left out: one job is one caller, not a herd.
 * <p>
 * An attempt is also bounded by the job's {@link Deadline}: one row makes several calls of up to
 * {@code AwsClients.JOB_CALL_TIMEOUT} each, longer together than the time a job keeps in hand, so an attempt
 * still running when the time is up is given up (interrupted) and the job replies with where to resume instead of
 * being killed by the Lambda timeout with its reply lost.
 */
final class Retry {
    static final int MAX_ATTEMPTS = 5;
    static final Duration FIRST_WAIT = Duration.ofMillis(250);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(4);

    /** What the work came to: its value, or the failure that outlasted the retries (or was not worth retrying). */
    sealed interface Outcome<T> {
        record Done<T>(T value) implements Outcome<T> {}

        record GaveUp<T>(RuntimeException failure, int attempts, boolean transientFailure) implements Outcome<T> {}
    }

    private Retry() {}

    /**
     * Runs {@code work} up to {@link #MAX_ATTEMPTS} times while its failures are transient and the deadline
     * leaves time; {@code work} must be safe to run again after a failure at any point (every import step
     * re-reads what it depends on, and a write that was applied but whose answer was lost is found on the
     * next attempt).
     */
    static <T> Outcome<T> run(Supplier<T> work, Deadline deadline) {
        Duration wait = FIRST_WAIT;
        for (int attempt = 1; ; attempt++) {
            try {
                return new Outcome.Done<>(within(deadline, work));
            } catch (RuntimeException failure) {
                boolean retryable = failure instanceof OutOfTime || Failures.isTransient(failure);
                if (!retryable || attempt == MAX_ATTEMPTS || deadline.reached()) {
                    return new Outcome.GaveUp<>(failure, attempt, retryable);
                }
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }

    /** The attempt was still running when the job's time was up (what it wrote may or may not have landed). */
    static final class OutOfTime extends RuntimeException {
        OutOfTime(long millis) {
            super("its writes had not answered when the function's time ran out (" + millis + " ms waited)");
        }
    }

    /** Runs {@code work} on its own thread and waits no longer than the deadline allows; without a limit, in place. */
    private static <T> T within(Deadline deadline, Supplier<T> work) {
        long left = deadline.millisLeft();
        if (left == Long.MAX_VALUE) {
            return work.get();
        }
        if (left <= 0) {
            throw new OutOfTime(0);
        }
        Map<String, String> logContext = Log.context();
        FutureTask<T> task = new FutureTask<>(() -> {
            Log.begin(logContext.get("requestId")); // its log lines still name the invocation
            return work.get();
        });
        Thread.ofVirtual().name("ops-attempt").start(task);
        try {
            return task.get(left, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new OutOfTime(left);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the work", e);
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
