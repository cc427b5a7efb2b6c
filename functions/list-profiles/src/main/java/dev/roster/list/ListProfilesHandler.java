package dev.roster.list;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.util.Map;

/** {@code GET /profiles} and {@code GET /tags}: one DynamoDB Query per request. Not built yet (issue 4). */
public final class ListProfilesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(501)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody("{\"error\":{\"code\":\"not_implemented\",\"message\":\"" + event.getRouteKey()
                        + " is not implemented yet\"}}")
                .build();
    }
}
