package dev.roster.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.core.Env;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Handlers that record what the local stack passes them, for tests of the front door and the pump. */
final class RecordingHandlers {
    record Call<E>(E event, Context context, Env env) {}

    static final LinkedBlockingQueue<Call<APIGatewayV2HTTPEvent>> HTTP_CALLS = new LinkedBlockingQueue<>();
    static final LinkedBlockingQueue<Call<S3Event>> S3_CALLS = new LinkedBlockingQueue<>();
    static volatile Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> httpAnswer = RecordingHandlers::ok;
    static volatile int s3FailuresToGo;
    static final AtomicInteger S3_ATTEMPTS = new AtomicInteger();

    private RecordingHandlers() {}

    static APIGatewayV2HTTPResponse ok(APIGatewayV2HTTPEvent event) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody("{\"ok\":true}")
                .build();
    }

    static void reset() {
        HTTP_CALLS.clear();
        S3_CALLS.clear();
        httpAnswer = RecordingHandlers::ok;
        s3FailuresToGo = 0;
        S3_ATTEMPTS.set(0);
    }

    public static final class Http implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        private final Env env;

        public Http(Env env) {
            this.env = env;
        }

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            HTTP_CALLS.add(new Call<>(event, context, env));
            return httpAnswer.apply(event);
        }
    }

    public static final class S3 implements RequestHandler<S3Event, Void> {
        private final Env env;

        public S3(Env env) {
            this.env = env;
        }

        @Override
        public Void handleRequest(S3Event event, Context context) {
            S3_ATTEMPTS.incrementAndGet();
            S3_CALLS.add(new Call<>(event, context, env));
            if (s3FailuresToGo > 0) {
                s3FailuresToGo--;
                throw new IllegalStateException("transient failure for the test");
            }
            return null;
        }
    }
}
