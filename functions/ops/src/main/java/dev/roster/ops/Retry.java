package dev.roster.ops;

import dev.roster.core.aws.Failures;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs one unit of a job's work (an import row) again after a transient failure (a timeout, a dropped
 * connection, throttling past the SDK's own retries), waiting twice as long each time. The SDK has already
 * retried each call a few times within its call timeout; this is the slower, job-level layer above it, for
 * an emulator or a table that stalls for seconds. Jitter is left out: one job is one caller, not a herd.
 */
final class Retry {
    static final int MAX_ATTEMPTS = 5;
    static final Duration FIRST_WAIT = Duration.ofMillis(250);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(4);

    /** What the work came to: its value, or the failure that outlasted the retries (or was not worth retrying). */
    sealed interface Outcome<T> {
        record Done<T>(T value) implements Outcome<T> {
        }

        record GaveUp<T>(RuntimeException failure, int attempts, boolean transientFailure) implements Outcome<T> {
        }
    }

    private Retry() {
    }

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
                return new Outcome.Done<>(work.get());
            } catch (RuntimeException failure) {
                boolean retryable = Failures.isTransient(failure);
                if (!retryable || attempt == MAX_ATTEMPTS || deadline.reached()) {
                    return new Outcome.GaveUp<>(failure, attempt, retryable);
                }
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
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
