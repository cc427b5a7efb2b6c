package dev.roster.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/** The responses the API gives: JSON bodies, never cached by shared caches (they depend on the caller). */
public final class HttpResponses {
    private static final Map<String, String> JSON_HEADERS = Map.of(
            "content-type", "application/json",
            "cache-control", "no-store");

    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(JSON_HEADERS);
        all.putAll(headers);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(all)
                .withBody(Json.write(body))
                .build();
    }

    public static APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(204)
                .withHeaders(Map.of("cache-control", "no-store"))
                .build();
    }

    public static APIGatewayV2HTTPResponse error(ApiError error) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", error.code());
        detail.put("message", error.message());
        return json(error.status(), Map.of("error", detail));
    }

    /** The answer to a failure that is ours, not the caller's: no detail leaves the function (it is logged). */
    public static APIGatewayV2HTTPResponse internalError() {
        return error(new ApiError(500, "internal", "something went wrong on our side; try again in a moment"));
    }
}
