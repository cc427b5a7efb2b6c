package dev.roster.junit;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

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
    /** Items DynamoDB read ({@code ScannedCount} of each Query or Scan answered), for the read-path figures. */
    private static int itemsRead;

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String call = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        synchronized (CALLS) {
            CALLS.add(call);
            HOSTS.add(context.httpRequest().host());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        // read by field name: this module does not depend on the DynamoDB client
        context.response().getValueForField("ScannedCount", Integer.class).ifPresent(scanned -> {
            synchronized (CALLS) {
                itemsRead += scanned;
            }
        });
    }

    /** Forgets what was recorded so far. */
    public static void reset() {
        synchronized (CALLS) {
            CALLS.clear();
            HOSTS.clear();
            itemsRead = 0;
        }
    }

    /** Items DynamoDB read (the {@code ScannedCount}s of Queries and Scans) since the last {@link #reset()}. */
    public static int itemsRead() {
        synchronized (CALLS) {
            return itemsRead;
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
