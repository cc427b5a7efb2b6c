package dev.roster.profile;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.core.Env;
import dev.roster.core.http.ApiEvents;
import dev.roster.emulator.LocalAws;
import dev.roster.emulator.S3NotificationQueue;
import dev.roster.thumbnail.PhotoOutcome;
import dev.roster.thumbnail.ThumbnailHandler;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Members of a local community driving the profile function as the web client does, with photos uploaded to the
 * presigned URL and made by the real thumbnail function (the uploads bucket's notifications pumped into it).
 */
final class Members {
    static final String ADMIN_CLAIMS = "[roster-admins]";

    final ProfileApi api;
    private final LocalAws aws;
    private final S3NotificationQueue notifications;
    private final ThumbnailHandler thumbnails;

    Members(LocalAws aws) {
        this.aws = aws;
        this.api = new ProfileApi(aws);
        this.notifications = S3NotificationQueue.of(aws, "ThumbnailFunction");
        this.thumbnails = new ThumbnailHandler(new Env(
                aws.functionEnvironment("ThumbnailFunction", Map.of("PHOTOS_BASE_URL", "https://photos.roster.test"))));
    }

    /** A visible member with tags; returns the profile id. */
    String join(String sub, String name, String... tags) {
        ProfileApi.Response created = api.putMe(sub, ProfileApi.profile(name, true, tags), null);
        if (created.status() != 201) {
            throw new AssertionError("creating " + name + ": " + created.body());
        }
        return (String) created.json().get("id");
    }

    /** Uploads a photo the way the browser does and lets the pipeline make its crops. */
    void uploadPhoto(String sub, int seed) {
        byte[] jpeg = jpeg(seed);
        ProfileApi.Response grant =
                api.requestUpload(sub, "{\"contentType\":\"image/jpeg\",\"contentLength\":" + jpeg.length + "}");
        if (grant.status() != 201) {
            throw new AssertionError("upload refused: " + grant.body());
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder put = HttpRequest.newBuilder(
                            URI.create((String) grant.json().get("url")))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg));
            @SuppressWarnings("unchecked")
            Map<String, String> headers = (Map<String, String>) grant.json().get("headers");
            headers.forEach((name, value) -> {
                if (!name.equalsIgnoreCase("content-length")) {
                    put.header(name, value);
                }
            });
            HttpResponse<String> answer = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError("PUT to the presigned URL: " + answer.statusCode() + " " + answer.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        List<PhotoOutcome> outcomes = pump();
        if (outcomes.stream().noneMatch(PhotoOutcome.Processed.class::isInstance)) {
            throw new AssertionError("the pipeline made no photo: " + outcomes);
        }
    }

    List<PhotoOutcome> pump() {
        List<PhotoOutcome> outcomes = new ArrayList<>();
        int emptyPolls = 0;
        while (emptyPolls < 2) {
            List<S3Event> events = notifications.poll(Duration.ofSeconds(1));
            if (events.isEmpty()) {
                emptyPolls++;
            }
            for (S3Event event : events) {
                outcomes.addAll(thumbnails.process(event));
            }
        }
        return outcomes;
    }

    ProfileApi.Response asAdmin(ApiEvents request) {
        return api.send(request.as("admin-sub").claim("cognito:groups", ADMIN_CLAIMS));
    }

    /** Keys of the objects under {@code prefix} in a bucket of the stack. */
    List<String> objects(String bucketLogicalId, String prefix) {
        return aws.objectKeys(bucketLogicalId, prefix);
    }

    static byte[] jpeg(int seed) {
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(seed * 37 % 256, 90, 160), 400, 300, Color.WHITE));
        g.fillRect(0, 0, 400, 300);
        g.setColor(Color.DARK_GRAY);
        g.fillOval(120 + seed % 50, 60, 160, 160);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
