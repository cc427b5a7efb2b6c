package dev.roster.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;

import java.util.Map;

/** HTTP API events made in code, for SnapStart priming: a signed-in member's request, as API Gateway passes it. */
public final class SampleRequests {
    public static final String PRIMING_SUB = "snapstart-priming";

    private SampleRequests() {
    }

    /** A request of a member of any directory (no member group). */
    public static APIGatewayV2HTTPEvent request(String method, String routeKey, String rawPath, String rawQuery,
                                                Map<String, String> pathParameters, String body) {
        return request(Membership.ANY_SIGNED_IN_USER, method, routeKey, rawPath, rawQuery, pathParameters, body);
    }

    /** A request of a member as {@code membership} defines one (in its member group, if it has one). */
    public static APIGatewayV2HTTPEvent request(Membership membership, String method, String routeKey, String rawPath,
                                                String rawQuery, Map<String, String> pathParameters, String body) {
        RequestContext.Http http = RequestContext.Http.builder().withMethod(method).withPath(rawPath).build();
        RequestContext.Authorizer authorizer = RequestContext.Authorizer.builder()
                .withJwt(RequestContext.Authorizer.JWT.builder().withClaims(membership.memberClaims(PRIMING_SUB)).build())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(routeKey).withRawPath(rawPath).withRawQueryString(rawQuery)
                .withPathParameters(pathParameters)
                .withHeaders(Map.of("content-type", "application/json", "if-match", "\"1\""))
                .withBody(body)
                .withRequestContext(RequestContext.builder().withHttp(http).withAuthorizer(authorizer)
                        .withRequestId("priming").withRouteKey(routeKey).build())
                .build();
    }
}
