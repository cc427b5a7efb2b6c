package dev.roster.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.core.Env;
import dev.roster.core.PhotoKeys;
import dev.roster.core.http.ApiEvents;
import dev.roster.core.json.Json;
import dev.roster.emulator.LocalAws;
import dev.roster.emulator.S3NotificationQueue;
import dev.roster.junit.WithLocalAws;
import dev.roster.profile.ProfileHandler;
import dev.roster.thumbnail.PhotoOutcome;
import dev.roster.thumbnail.ThumbnailHandler;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A focal point from upload to re-crop, through both functions as deployed: the profile function's API,
 * a presigned PUT, then S3's own notifications (via SQS) into the thumbnail function, for the browser's
 * upload and for the original copied back under {@code uploads/}.
 */
@WithLocalAws
class FocalPointChangeTest {
    private static final String PHOTOS = "https://photos.roster.test";
    private static final List<String> CROPS = List.of("thumb1x", "thumb2x", "detail1x", "detail2x");

    @Test
    void newFocalPointGivesNewCropsThroughThePipelineWhileTheOldPhotoStaysUntilTheyAreReady(LocalAws aws)
            throws Exception {
        ProfileHandler profiles = new ProfileHandler(new Env(aws.functionEnvironment("ProfileFunction", Map.of())));
        ThumbnailHandler thumbnails = new ThumbnailHandler(
                new Env(aws.functionEnvironment("ThumbnailFunction", Map.of("PHOTOS_BASE_URL", PHOTOS))));
        S3NotificationQueue notifications = S3NotificationQueue.of(aws, "ThumbnailFunction");
        String id = (String) call(
                        profiles,
                        ApiEvents.route("PUT /me")
                                .as("mover")
                                .body("{\"name\":\"Mover\",\"visible\":true,\"tags\":[\"focus\"]}"))
                .get("id");

        // upload: 800 × 400, left half blue, right half red; focal point at the right edge
        byte[] png = halves();
        Map<String, Object> grant = call(
                profiles,
                ApiEvents.route("POST /me/photo")
                        .as("mover")
                        .body("{\"contentType\":\"image/png\",\"contentLength\":" + png.length
                                + ",\"focalPoint\":{\"x\":1,\"y\":0.5}}"));
        HttpResponse<String> put = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create((String) grant.get("url")))
                                .header("content-type", "image/png")
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(png))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        process(thumbnails, notifications, PhotoKeys.upload(id, (String) grant.get("uploadId")));

        Map<String, Object> first = call(profiles, ApiEvents.route("GET /me").as("mover"));
        assertEquals("READY", first.get("photoStatus"));
        Map<String, Object> firstCrop = map(first, "photoCrop");
        assertEquals(
                Map.of("x", 400, "y", 0, "side", 400), ints(map(firstCrop, "window")), "clamped to the right edge");
        assertColour(aws, map(first, "photo"), Color.RED);

        // a new focal point at the left edge
        APIGatewayV2HTTPResponse accepted = profiles.handle(
                ApiEvents.route("PUT /me/photo/focal-point").as("mover").body("{\"x\":0,\"y\":0.5}").stream());
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        String recrop = (String) Json.parseTrusted(accepted.getBody()).get("uploadId");

        Map<String, Object> meanwhile =
                call(profiles, ApiEvents.route("GET /me").as("mover"));
        assertEquals("PENDING", meanwhile.get("photoStatus"));
        assertEquals(first.get("photo"), meanwhile.get("photo"), "the old photo shows until the new crops are ready");
        Map<String, Object> card = call(
                profiles, ApiEvents.route("GET /profiles/{id}").as("someone").pathParameter("id", id));
        assertEquals(first.get("photo"), card.get("photo"));

        // S3 notifies the copy like any upload; the one pipeline crops it
        process(thumbnails, notifications, PhotoKeys.upload(id, recrop));

        Map<String, Object> second = call(profiles, ApiEvents.route("GET /me").as("mover"));
        assertEquals("READY", second.get("photoStatus"));
        Map<String, Object> secondCrop = map(second, "photoCrop");
        assertEquals(Map.of("x", 0, "y", 0, "side", 400), ints(map(secondCrop, "window")));
        assertEquals(0.0, ((Number) map(secondCrop, "focalPoint").get("x")).doubleValue());
        for (String crop : CROPS) {
            assertNotEquals(map(first, "photo").get(crop), map(second, "photo").get(crop), crop + " has a new URL");
        }
        assertColour(aws, map(second, "photo"), Color.BLUE);
        assertEquals(
                second.get("photo"),
                call(
                                profiles,
                                ApiEvents.route("GET /profiles/{id}")
                                        .as("someone")
                                        .pathParameter("id", id))
                        .get("photo"));
    }

    private static void process(ThumbnailHandler thumbnails, S3NotificationQueue notifications, String key) {
        S3Event event = notifications.awaitObject(key, Duration.ofSeconds(20));
        assertInstanceOf(PhotoOutcome.Processed.class, thumbnails.process(event).getFirst());
    }

    private static Map<String, Object> call(ProfileHandler handler, ApiEvents event) {
        APIGatewayV2HTTPResponse response = handler.handle(event.stream());
        assertTrue(response.getStatusCode() < 300, response.getStatusCode() + " " + response.getBody());
        return Json.parseTrusted(response.getBody());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> json, String field) {
        return (Map<String, Object>) json.get(field);
    }

    private static Map<String, Integer> ints(Map<String, Object> json) {
        Map<String, Integer> ints = new java.util.HashMap<>();
        json.forEach((k, v) -> ints.put(k, ((Number) v).intValue()));
        return ints;
    }

    private static void assertColour(LocalAws aws, Map<String, Object> photo, Color expected) throws Exception {
        String url = (String) photo.get("thumb1x");
        byte[] jpeg = aws.s3()
                .getObjectAsBytes(
                        b -> b.bucket(aws.physicalName("PhotosBucket")).key(url.substring(PHOTOS.length() + 1)))
                .asByteArray();
        int rgb = ImageIO.read(new ByteArrayInputStream(jpeg)).getRGB(50, 50);
        Color actual = new Color(rgb);
        assertTrue(
                Math.abs(actual.getRed() - expected.getRed()) < 40
                        && Math.abs(actual.getBlue() - expected.getBlue()) < 40,
                "expected " + expected + ", the crop is " + actual);
    }

    private static byte[] halves() throws Exception {
        BufferedImage image = new BufferedImage(800, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 400, 400);
        g.setColor(Color.RED);
        g.fillRect(400, 0, 400, 400);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
