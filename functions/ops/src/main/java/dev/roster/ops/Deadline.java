package dev.roster.ops;

import com.amazonaws.services.lambda.runtime.Context;

/** When a job must stop and hand back its cursor, so the next invocation picks up where it stopped. */
@FunctionalInterface
interface Deadline {
    /** Time kept in hand for the reply once the work in flight has been given up. */
    long RESERVE_MILLIS = 20_000;

    /** Milliseconds the job may still work before it must reply (0: stop now); Long.MAX_VALUE without a limit. */
    long millisLeft();

    default boolean reached() {
        return millisLeft() <= 0;
    }

    static Deadline of(Context context) {
        return context == null
                ? () -> Long.MAX_VALUE
                : () -> Math.max(0, context.getRemainingTimeInMillis() - RESERVE_MILLIS);
    }
}
