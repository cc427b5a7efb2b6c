package dev.roster.profile;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.Env;
import dev.roster.core.json.Json;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.HttpApiEvents;

import java.util.Map;

/** Drives {@link ProfileHandler} (built the way Lambda builds it, from the template's environment) with HTTP API events. */
final class ProfileApi {
    final ProfileHandler handler;

    ProfileApi(LocalAws aws) {
        this(aws, Map.of());
    }

    ProfileApi(LocalAws aws, Map<String, String> overrides) {
        this(new ProfileHandler(new Env(aws.functionEnvironment("ProfileFunction", overrides))));
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

    Response send(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        return new Response(response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(),
                response.getBody());
    }

    Response putMe(String sub, String json, String ifMatch) {
        HttpApiEvents event = HttpApiEvents.route("PUT /me").as(sub).body(json);
        if (ifMatch != null) {
            event.header("If-Match", ifMatch);
        }
        return send(event.build());
    }

    Response getMe(String sub) {
        return send(HttpApiEvents.route("GET /me").as(sub).build());
    }

    Response getProfile(String sub, String id) {
        return send(HttpApiEvents.route("GET /profiles/{id}").as(sub).pathParameter("id", id).build());
    }

    Response getVCard(String sub, String id) {
        return send(HttpApiEvents.route("GET /profiles/{id}/vcard").as(sub).pathParameter("id", id).build());
    }

    Response requestUpload(String sub, String json) {
        return send(HttpApiEvents.route("POST /me/photo").as(sub).body(json).build());
    }

    Response changeFocalPoint(String sub, String json) {
        return send(HttpApiEvents.route("PUT /me/photo/focal-point").as(sub).body(json).build());
    }

    Response deletePhoto(String sub) {
        return send(HttpApiEvents.route("DELETE /me/photo").as(sub).build());
    }

    static String profile(String name, boolean visible, String... tags) {
        StringBuilder json = new StringBuilder("{\"name\":\"").append(name).append("\",\"visible\":").append(visible)
                .append(",\"tags\":[");
        for (int i = 0; i < tags.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(tags[i]).append('"');
        }
        return json.append("]}").toString();
    }
}
