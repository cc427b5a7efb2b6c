package dev.roster.list;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.Env;
import dev.roster.core.http.ApiEvents;
import dev.roster.core.json.Json;
import dev.roster.emulator.LocalAws;
import dev.roster.profile.ProfileHandler;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A community filled through the real write path (ProfileFunction's {@code PUT /me}), and read through
 * ListProfilesFunction built the way Lambda builds it.
 */
final class Community {
    static final String SECRET = "test-secret";
    final LocalAws aws;
    final ProfileHandler profiles;
    final ListProfilesHandler list;

    Community(LocalAws aws) {
        this(aws, Clock.systemUTC(), SECRET);
    }

    Community(LocalAws aws, Clock clock, String secret) {
        this.aws = aws;
        this.profiles = new ProfileHandler(new Env(aws.functionEnvironment("ProfileFunction", Map.of())));
        Env listEnv = new Env(aws.functionEnvironment("ListProfilesFunction", Map.of("CURSOR_SECRET", secret)));
        this.list = clock.equals(Clock.systemUTC())
                ? new ListProfilesHandler(listEnv)
                : new ListProfilesHandler(listEnv, dev.roster.core.aws.AwsClients.dynamoDb(), clock);
    }

    record Member(String sub, String id, String etag) {}

    record Page(int status, List<Map<String, Object>> items, String next, Map<String, Object> json, String body) {
        List<String> ids() {
            return items.stream().map(card -> (String) card.get("id")).toList();
        }

        String errorMessage() {
            return (String) ((Map<?, ?>) json.get("error")).get("message");
        }
    }

    /**
     * Creates {@code sub}'s profile. A 503 is retried the way the API asks clients to (moto's transactions
     * slow down as the table grows, and a loaded machine can push one past the function's call timeout); a retry
     * whose first attempt landed after all is answered 201 with that profile, as the first would have been.
     */
    Member join(String sub, String body) {
        for (int attempt = 1; ; attempt++) {
            APIGatewayV2HTTPResponse response = profiles.handle(ApiEvents.route("PUT /me").as(sub).body(body).stream());
            if (response.getStatusCode() == 201) {
                return new Member(
                        sub,
                        (String) Json.parseTrusted(response.getBody()).get("id"),
                        response.getHeaders().get("etag"));
            }
            if (response.getStatusCode() != 503 || attempt == 3) {
                throw new IllegalStateException("PUT /me failed (attempt " + attempt + "): " + response.getBody());
            }
        }
    }

    Member edit(Member member, String body) {
        APIGatewayV2HTTPResponse response = profiles.handle(
                ApiEvents.route("PUT /me").as(member.sub()).header("if-match", member.etag()).body(body).stream());
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("PUT /me failed: " + response.getBody());
        }
        return new Member(member.sub(), member.id(), response.getHeaders().get("etag"));
    }

    /** The member's profile as it now is ({@code GET /me}), with its current ETag. */
    Member reread(Member member) {
        APIGatewayV2HTTPResponse me = profiles.handle(ApiEvents.route("GET /me").as(member.sub()).stream());
        return new Member(member.sub(), member.id(), me.getHeaders().get("etag"));
    }

    Map<String, Object> me(String sub) {
        return Json.parseTrusted(
                profiles.handle(ApiEvents.route("GET /me").as(sub).stream()).getBody());
    }

    static String profile(String name, String organisation, boolean visible, List<String> tags) {
        return Json.write(Map.of("name", name, "organisation", organisation, "visible", visible, "tags", tags));
    }

    Page page(String rawQuery) {
        return page(ApiEvents.route("GET /profiles").as("reader").query(rawQuery));
    }

    @SuppressWarnings("unchecked")
    Page page(ApiEvents event) {
        return page(event.stream());
    }

    /** A page as the list function answers the event (an {@code events/} file, or one made in code). */
    Page page(InputStream event) {
        APIGatewayV2HTTPResponse response = list.handle(event);
        Map<String, Object> json = Json.parseTrusted(response.getBody());
        List<Map<String, Object>> items = (List<Map<String, Object>>) json.getOrDefault("items", List.of());
        return new Page(response.getStatusCode(), items, (String) json.get("next"), json, response.getBody());
    }

    /** Every page of a query, following the cursors; the ids in the order they came. */
    List<String> walk(String rawQuery) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page page = page(rawQuery + (cursor == null ? "" : "&cursor=" + cursor));
            if (page.status() != 200) {
                throw new IllegalStateException(page.body());
            }
            ids.addAll(page.ids());
            cursor = page.next();
            if (++pages > 1000) {
                throw new IllegalStateException("pagination does not end");
            }
        } while (cursor != null);
        return ids;
    }

    @SuppressWarnings("unchecked")
    Map<String, Long> tagCounts() {
        APIGatewayV2HTTPResponse response = list.handle(ApiEvents.route("GET /tags").as("reader").stream());
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (Object item : (List<Object>) Json.parseTrusted(response.getBody()).get("items")) {
            Map<String, Object> tag = (Map<String, Object>) item;
            counts.put((String) tag.get("tag"), ((Number) tag.get("count")).longValue());
        }
        return counts;
    }
}
