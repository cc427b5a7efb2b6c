package dev.roster.junit;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every request the AWS SDK sends in this JVM, as {@code Service:Operation} ({@code DynamoDb:Query});
 * counted when it goes on the wire ({@code beforeTransmission}), so a retry counts again and a presigned
 * URL, which the SDK signs without sending anything, does not count. A test
 * module registers it for <em>all</em> clients, whoever builds them, by listing it in
 * {@code src/test/resources/software/amazon/awssdk/global/handlers/execution.interceptors}; so a call made
 * through any client (a second DynamoDB client, an S3 client, …) is counted too, not only the one a test
 * hands in.
 */
public final class SdkCalls implements ExecutionInterceptor {
    private static final List<String> CALLS = new ArrayList<>();
    private static final List<String> HOSTS = new ArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String call = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        synchronized (CALLS) {
            CALLS.add(call);
            HOSTS.add(context.httpRequest().host());
        }
    }

    /** Forgets what was recorded so far. */
    public static void reset() {
        synchronized (CALLS) {
            CALLS.clear();
            HOSTS.clear();
        }
    }

    /** The host each call since the last {@link #reset()} was sent to, in order. */
    public static List<String> hosts() {
        synchronized (CALLS) {
            return List.copyOf(HOSTS);
        }
    }

    /** The calls since the last {@link #reset()}, in order. */
    public static List<String> recorded() {
        synchronized (CALLS) {
            return List.copyOf(CALLS);
        }
    }
}
