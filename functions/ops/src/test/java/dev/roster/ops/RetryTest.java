package dev.roster.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A job's unit of work and the function's time: the reply must go out before the Lambda timeout. */
class RetryTest {
    /** The deadline of a function with {@code millis} left before it must reply. */
    private static Deadline leaving(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        return () -> Math.max(0, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
    }

    @Test
    void anAttemptStillRunningWhenTheTimeIsUpIsGivenUpAndInterruptedAndSaysItIsWorthResuming() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        long started = System.nanoTime();

        Retry.Outcome<String> outcome = Retry.run(
                () -> {
                    try {
                        Thread.sleep(60_000); // a write stalled for as long as a job's call timeout
                        return "written";
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw new IllegalStateException(e);
                    }
                },
                leaving(300));

        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Retry.Outcome.GaveUp<String> gaveUp = assertInstanceOf(Retry.Outcome.GaveUp.class, outcome);
        assertInstanceOf(Retry.OutOfTime.class, gaveUp.failure());
        assertTrue(gaveUp.transientFailure(), "the next invocation can do it");
        assertEquals(1, gaveUp.attempts());
        assertTrue(waitedMillis < 10_000, "replied after " + waitedMillis + " ms, not after the stalled call");
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the abandoned attempt is interrupted");
    }

    @Test
    void workThatEndsInTimeGivesItsValueAndItsOwnFailure() {
        assertEquals(new Retry.Outcome.Done<>("written"), Retry.run(() -> "written", leaving(60_000)));
        Retry.Outcome<String> refused = Retry.run(
                () -> {
                    throw new IllegalArgumentException("no such file");
                },
                leaving(60_000));
        Retry.Outcome.GaveUp<String> gaveUp = assertInstanceOf(Retry.Outcome.GaveUp.class, refused);
        assertInstanceOf(IllegalArgumentException.class, gaveUp.failure());
        assertEquals(false, gaveUp.transientFailure());
    }

    @Test
    void noTimeLeftMeansNoAttempt() {
        boolean[] ran = {false};
        Retry.Outcome<String> outcome = Retry.run(
                () -> {
                    ran[0] = true;
                    return "written";
                },
                leaving(0));
        assertInstanceOf(
                Retry.OutOfTime.class,
                assertInstanceOf(Retry.Outcome.GaveUp.class, outcome).failure());
        assertEquals(false, ran[0]);
    }
}
