package dev.roster.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.aws.Failures;
import dev.roster.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The responses the API gives: JSON bodies, never cached by shared caches (they depend on the caller). */
public final class HttpResponses {
    private static final Map<String, String> JSON_HEADERS = Map.of(
            "content-type", "application/json",
            "cache-control", "no-store");

    private HttpResponses() {}

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

    /** A body that is not JSON (a vCard), with its content type; not cached by shared caches either. */
    public static APIGatewayV2HTTPResponse text(
            int status, String contentType, String body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("content-type", contentType, "cache-control", "no-store"));
        all.putAll(headers);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(all)
                .withBody(body)
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

    /** The response as a stream handler returns it to API Gateway (payload 2.0 JSON). */
    public static void write(APIGatewayV2HTTPResponse response, OutputStream out) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statusCode", response.getStatusCode());
        json.put("headers", response.getHeaders() == null ? Map.of() : response.getHeaders());
        if (response.getBody() != null) {
            json.put("body", response.getBody());
        }
        json.put("isBase64Encoded", response.getIsBase64Encoded());
        try {
            out.write(Json.write(json).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the response could not be written back to Lambda", e);
        }
    }

    /** Seconds a client should wait before asking again after a {@link #unavailable()}. */
    public static final int RETRY_AFTER_SECONDS = 2;

    /**
     * The answer to a request that failed on our side: 503 (try again) when the failure is transient
     * ({@link Failures#isTransient}), else 500. Either way no detail leaves the function (the caller logs it).
     */
    public static APIGatewayV2HTTPResponse failure(RuntimeException e) {
        return Failures.isTransient(e) ? unavailable() : internalError();
    }

    /** A dependency is unreachable, slow or throttling us: retryable, and the client is told when. */
    public static APIGatewayV2HTTPResponse unavailable() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", "unavailable");
        detail.put("message", "the directory is briefly unavailable; try again in a few seconds");
        detail.put("retryable", true);
        return json(503, Map.of("error", detail), Map.of("retry-after", Integer.toString(RETRY_AFTER_SECONDS)));
    }

    /** The answer to a failure that is ours, not the caller's: no detail leaves the function (it is logged). */
    public static APIGatewayV2HTTPResponse internalError() {
        return error(new ApiError(500, "internal", "something went wrong on our side; try again in a moment"));
    }
}
