package dev.roster.core.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.observe.DynamoDbCalls;
import dev.roster.core.observe.Log;
import dev.roster.core.observe.Metrics;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * What every API request goes through, whatever the function: the log context, the DynamoDB call count,
 * the metrics document, reading the event and the caller, and the two ways a request can fail (a 4xx that
 * says what to fix, or our failure: logged, counted, a 503 when retrying can help, else a 500). A handler
 * only routes and translates ({@link ApiHandler}).
 * <p>
 * Who may call the API at all ({@link Membership}) is decided here, before any route runs, so no route can
 * forget it.
 */
public final class ApiInvocation {
    private ApiInvocation() {}

    /** A function's routes: the response to one request of a known caller. */
    @FunctionalInterface
    public interface Routes {
        APIGatewayV2HTTPResponse answer(ApiRequest request, Caller caller, Metrics metrics);
    }

    /** Lambda's entry (a stream handler): the event JSON in, the response JSON out. */
    public static void handle(
            InputStream event, OutputStream response, Context context, Membership membership, Routes routes) {
        Log.begin(context);
        HttpResponses.write(answer(event, membership, routes), response);
    }

    /** The same request handled in this JVM (the local stack, tests): the event as Lambda would pass it. */
    public static APIGatewayV2HTTPResponse answer(InputStream event, Membership membership, Routes routes) {
        DynamoDbCalls.reset();
        Metrics metrics = Metrics.start();
        String route = "(unread event)";
        try {
            ApiRequest request = ApiRequest.read(event);
            route = request.routeKey();
            // who may use the API at all: decided here, before any route (and any table access) runs
            Caller caller = membership.admit(request.claims());
            return routes.answer(request, caller, metrics);
        } catch (ApiException e) {
            return HttpResponses.error(e.error());
        } catch (RuntimeException e) {
            Log.error("request failed", e, "route", route);
            metrics.count("Failures");
            return HttpResponses.failure(e);
        } finally {
            metrics.put("DynamoDbCalls", DynamoDbCalls.count(), Metrics.Unit.COUNT)
                    .flush();
        }
    }
}
