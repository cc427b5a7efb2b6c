package dev.roster.site;

import dev.roster.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells CloudFormation how a custom resource request went: a {@code PUT} of the JSON answer to the request's
 * presigned response URL (no content type: the URL's signature does not cover one). Until it arrives the stack
 * waits, so every request is answered, a failure with a reason that says what to fix.
 */
public final class CloudFormationResponse {
    /** CloudFormation shows the reason in the stack's events; the whole answer must stay under 4 KB. */
    static final int MAX_REASON_CHARS = 1000;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private CloudFormationResponse() {}

    static Map<String, Object> body(
            SiteRequest request, boolean success, String reason, String physicalResourceId, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Status", success ? "SUCCESS" : "FAILED");
        body.put("Reason", reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason);
        body.put("PhysicalResourceId", physicalResourceId);
        body.put("StackId", request.stackId());
        body.put("RequestId", request.requestId());
        body.put("LogicalResourceId", request.logicalResourceId());
        body.put("Data", data);
        return body;
    }

    static void send(String responseUrl, Map<String, Object> body) {
        HttpRequest put = HttpRequest.newBuilder(URI.create(responseUrl))
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(put, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "CloudFormation's response URL answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot answer CloudFormation at its response URL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while answering CloudFormation", e);
        }
    }
}
