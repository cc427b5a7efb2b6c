package dev.roster.core.observe;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the DynamoDB requests the current invocation puts on the wire (retries included), for the
 * {@code DynamoDbCalls} metric: a list page is exactly one (docs/design.md, "One page = one Query"), and an
 * alarm watches it.
 */
public final class DynamoDbCalls implements ExecutionInterceptor {
    private static final ThreadLocal<int[]> CALLS = ThreadLocal.withInitial(() -> new int[1]);

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        CALLS.get()[0]++;
    }

    /** Starts counting for a new invocation on this thread. */
    public static void reset() {
        CALLS.get()[0] = 0;
    }

    public static int count() {
        return CALLS.get()[0];
    }
}
