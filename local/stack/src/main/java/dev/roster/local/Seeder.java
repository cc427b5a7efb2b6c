package dev.roster.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Seeds the demo community through the front door, as members would: a dev token from the local issuer,
 * {@code PUT /me}, and for members with a photo {@code POST /me/photo} then a {@code PUT} of the bytes to the
 * presigned URL with the headers it came with, so every crop comes out of the real pipeline (S3 notification
 * → ThumbnailFunction). Then waits until every photo is READY (or REJECTED). Members that already have a
 * profile (a reused emulator) are left alone.
 */
public final class Seeder {
    private static final Duration PHOTO_WAIT = Duration.ofSeconds(120);
    private static final int WORKERS = 4;
    private static final int SERVER_ERROR_ATTEMPTS = 3;
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("host", "content-length", "connection", "expect");

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param base the local stack's API ({@code …/api}): the seeder goes through its front door and issuer like
     *             any client
     */
    public Seeder(URI base) {
        this.base = base;
    }

    public record Result(
            int created, int alreadyThere, int photosReady, int photosRejected, List<String> failures, Duration took) {
        public String summary() {
            String text = "seeded " + created + " profiles (" + alreadyThere + " already there), " + photosReady
                    + " photos ready" + (photosRejected > 0 ? ", " + photosRejected + " rejected" : "")
                    + " in " + took.toMillis() + " ms";
            return failures.isEmpty() ? text : text + "; " + failures.size() + " failed, first: " + failures.getFirst();
        }
    }

    public Result seed() {
        Instant started = Instant.now();
        List<DemoCommunity.Member> members = DemoCommunity.members();
        System.err.println("roster local: seeding " + members.size() + " demo profiles through the API…");
        List<String> failures = new ArrayList<>();
        List<String> waitingFor = new ArrayList<>();
        int created = 0;
        int existing = 0;
        try (ExecutorService workers = Executors.newFixedThreadPool(WORKERS)) {
            List<Future<String>> results = new ArrayList<>();
            for (DemoCommunity.Member member : members) {
                results.add(workers.submit(() -> seedRetryingServerErrors(member)));
            }
            for (int i = 0; i < results.size(); i++) {
                try {
                    String outcome = results.get(i).get();
                    switch (outcome) {
                        case "existing" -> existing++;
                        case "created" -> created++;
                        default -> {
                            created++;
                            waitingFor.add(members.get(i).sub());
                        }
                    }
                } catch (Exception e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    failures.add(members.get(i).sub() + ": " + cause.getMessage());
                }
            }
        }
        int ready = 0;
        int rejected = 0;
        Instant deadline = Instant.now().plus(PHOTO_WAIT);
        List<String> pending = new ArrayList<>(waitingFor);
        while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
            List<String> still = new ArrayList<>();
            for (String sub : pending) {
                try {
                    String status = String.valueOf(me(token(sub, null, null)).get("photoStatus"));
                    switch (status) {
                        case "READY" -> ready++;
                        case "REJECTED" -> rejected++;
                        default -> still.add(sub);
                    }
                } catch (IOException | InterruptedException e) {
                    still.add(sub);
                }
            }
            pending = still;
            if (!pending.isEmpty()) {
                sleep(Duration.ofMillis(500));
            }
        }
        for (String sub : pending) {
            failures.add(sub + ": photo still not READY after " + PHOTO_WAIT.toSeconds() + " s");
        }
        return new Result(created, existing, ready, rejected, failures, Duration.between(started, Instant.now()));
    }

    /** A 5xx is worth another try or two (as any client would), with the reason in the log. */
    private String seedRetryingServerErrors(DemoCommunity.Member member) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return seed(member);
            } catch (ServerError e) {
                if (attempt == SERVER_ERROR_ATTEMPTS) {
                    throw e;
                }
                System.err.println("roster local: seeding " + member.sub() + ": " + e.getMessage() + "; trying again");
                Thread.sleep(200L * attempt);
            }
        }
    }

    /** The API answered 5xx. */
    static final class ServerError extends IOException {
        ServerError(String message) {
            super(message);
        }
    }

    /** "existing", "created" (no photo) or "uploaded" (photo on its way through the pipeline). */
    private String seed(DemoCommunity.Member member) throws IOException, InterruptedException {
        String token = token(member.sub(), member.name(), member.email());
        HttpResponse<String> current = send(request("/me", token).GET().build());
        if (current.statusCode() == 200) {
            return "existing";
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", member.name());
        profile.put("organisation", member.organisation());
        profile.put("location", member.location());
        profile.put("website", member.website());
        profile.put("bio", member.bio());
        profile.put("tags", member.tags());
        profile.put("visible", true);
        HttpResponse<String> put = send(request("/me", token)
                .header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.std.asString(profile)))
                .build());
        expect(put, "PUT /me", 200, 201);
        if (member.photo() == null) {
            return "created";
        }
        Map<String, Object> ask = Map.of(
                "contentType",
                member.photo().contentType(),
                "contentLength",
                member.photo().bytes().length);
        HttpResponse<String> upload = send(request("/me/photo", token)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.std.asString(ask)))
                .build());
        expect(upload, "POST /me/photo", 201);
        Map<String, Object> grant = JSON.std.mapFrom(upload.body());
        HttpRequest.Builder putPhoto = HttpRequest.newBuilder(URI.create(String.valueOf(grant.get("url"))))
                .timeout(Duration.ofSeconds(30))
                .method(
                        String.valueOf(grant.getOrDefault("method", "PUT")),
                        HttpRequest.BodyPublishers.ofByteArray(member.photo().bytes()));
        if (grant.get("headers") instanceof Map<?, ?> headers) {
            headers.forEach((name, value) -> {
                if (!FORBIDDEN_HEADERS.contains(String.valueOf(name).toLowerCase(java.util.Locale.ROOT))) {
                    putPhoto.header(String.valueOf(name), String.valueOf(value));
                }
            });
        }
        HttpResponse<String> stored = send(putPhoto.build());
        expect(stored, "PUT to the presigned URL", 200);
        return "uploaded";
    }

    private String token(String sub, String name, String email) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub", sub);
        if (name != null) {
            body.put("name", name);
            body.put("email", email);
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/local/token"))
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.std.asString(body)))
                .build());
        expect(response, "POST /local/token", 200);
        return String.valueOf(JSON.std.mapFrom(response.body()).get("token"));
    }

    private Map<String, Object> me(String token) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request("/me", token).GET().build());
        expect(response, "GET /me", 200);
        return JSON.std.mapFrom(response.body());
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, String what, int... statuses) throws IOException {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        String body = response.body();
        String message = what + " answered " + response.statusCode() + ": "
                + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        throw response.statusCode() >= 500 ? new ServerError(message) : new IOException(message);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
