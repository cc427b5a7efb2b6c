package dev.roster.core.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.observe.Metrics;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An API function's handler: Lambda's stream entry and the same request handled in this JVM (tests, priming,
 * the local stack) both go through {@link ApiInvocation}; a subclass only routes and translates.
 */
public abstract class ApiHandler implements RequestStreamHandler {
    private final Membership membership;

    protected ApiHandler(Membership membership) {
        this.membership = membership;
    }

    /** The response to one request of an admitted caller. */
    protected abstract APIGatewayV2HTTPResponse route(ApiRequest request, Caller caller, Metrics metrics);

    @Override
    public final void handleRequest(InputStream event, OutputStream response, Context context) {
        ApiInvocation.handle(event, response, context, membership, this::route);
    }

    /** One request in this JVM: the event as Lambda passes it, the response object. */
    public final APIGatewayV2HTTPResponse handle(InputStream event) {
        return ApiInvocation.answer(event, membership, this::route);
    }
}
