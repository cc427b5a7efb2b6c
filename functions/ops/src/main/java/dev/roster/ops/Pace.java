package dev.roster.ops;

import java.time.Duration;

/**
 * Spaces actions evenly at no more than {@code perSecond}: an ops job must not flood the thumbnail function
 * (each queued photo is one invocation) or take the table's write capacity from members.
 */
final class Pace {
    private final long intervalNanos;
    private long next = System.nanoTime();

    Pace(double perSecond) {
        if (!(perSecond > 0) || perSecond > 1000) {
            throw new IllegalArgumentException("perSecond must be above 0 and at most 1000, was " + perSecond);
        }
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
    }

    /** Blocks until the next action may start. */
    void await() {
        long now = System.nanoTime();
        if (next > now) {
            try {
                Thread.sleep(Duration.ofNanos(next - now));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing", e);
            }
        }
        next = Math.max(now, next) + intervalNanos;
    }
}
