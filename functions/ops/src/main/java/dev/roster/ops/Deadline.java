package dev.roster.ops;

import com.amazonaws.services.lambda.runtime.Context;

/** When a job must stop and hand back its cursor, so the next invocation picks up where it stopped. */
@FunctionalInterface
interface Deadline {
    /** Time kept in hand for the work in flight and the reply. */
    long RESERVE_MILLIS = 20_000;

    boolean reached();

    static Deadline of(Context context) {
        return context == null ? () -> false : () -> context.getRemainingTimeInMillis() < RESERVE_MILLIS;
    }
}
