package dev.roster.profile;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.Env;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.http.ApiEvents;
import dev.roster.core.json.Json;
import dev.roster.emulator.LocalAws;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Drives {@link ProfileHandler} (built the way Lambda builds it, from the template's environment) with HTTP API events. */
final class ProfileApi {
    final ProfileHandler handler;

    ProfileApi(LocalAws aws) {
        this(aws, Map.of());
    }

    ProfileApi(LocalAws aws, Map<String, String> overrides) {
        this(new ProfileHandler(new Env(aws.functionEnvironment("ProfileFunction", overrides))));
    }

    /** The handler as Lambda builds it, but talking to DynamoDB through {@code dynamoDb} (a proxy in front of moto). */
    ProfileApi(LocalAws aws, DynamoDbClient dynamoDb) {
        this(new ProfileHandler(
                new Env(aws.functionEnvironment("ProfileFunction", Map.of())),
                dynamoDb,
                AwsClients.s3Presigner(),
                AwsClients.s3()));
    }

    ProfileApi(ProfileHandler handler) {
        this.handler = handler;
    }

    record Response(int status, Map<String, String> headers, String body) {
        Map<String, Object> json() {
            return Json.parseTrusted(body);
        }

        String etag() {
            return headers.get("etag");
        }

        String errorMessage() {
            @SuppressWarnings("unchecked")
            Map<String, Object> error = (Map<String, Object>) json().get("error");
            return (String) error.get("message");
        }

        String errorCode() {
            @SuppressWarnings("unchecked")
            Map<String, Object> error = (Map<String, Object>) json().get("error");
            return (String) error.get("code");
        }
    }

    Response send(ApiEvents event) {
        return respond(handler.handle(event.stream()));
    }

    private static Response respond(APIGatewayV2HTTPResponse response) {
        return new Response(
                response.getStatusCode(),
                response.getHeaders() == null ? Map.of() : response.getHeaders(),
                response.getBody());
    }

    /** A sample event of {@code events/} (the file {@code sam local invoke -e} takes), as Lambda passes it. */
    Response sendEvent(String file) {
        try (InputStream event = Files.newInputStream(Path.of("../../events", file))) {
            return respond(handler.handle(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response putMe(String sub, String json, String ifMatch) {
        ApiEvents event = ApiEvents.route("PUT /me").as(sub).body(json);
        if (ifMatch != null) {
            event.header("If-Match", ifMatch);
        }
        return send(event);
    }

    Response getMe(String sub) {
        return send(ApiEvents.route("GET /me").as(sub));
    }

    Response getProfile(String sub, String id) {
        return send(ApiEvents.route("GET /profiles/{id}").as(sub).pathParameter("id", id));
    }

    Response getVCard(String sub, String id) {
        return send(ApiEvents.route("GET /profiles/{id}/vcard").as(sub).pathParameter("id", id));
    }

    Response requestUpload(String sub, String json) {
        return send(ApiEvents.route("POST /me/photo").as(sub).body(json));
    }

    Response changeFocalPoint(String sub, String json) {
        return send(ApiEvents.route("PUT /me/photo/focal-point").as(sub).body(json));
    }

    Response deletePhoto(String sub) {
        return send(ApiEvents.route("DELETE /me/photo").as(sub));
    }

    static String profile(String name, boolean visible, String... tags) {
        StringBuilder json = new StringBuilder("{\"name\":\"")
                .append(name)
                .append("\",\"visible\":")
                .append(visible)
                .append(",\"tags\":[");
        for (int i = 0; i < tags.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(tags[i]).append('"');
        }
        return json.append("]}").toString();
    }
}
