package dev.roster.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.core.PhotoKeys;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.json.Json;
import dev.roster.core.observe.Log;
import dev.roster.core.profile.Card;
import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.ItemAttributes.PhotoAttributes;
import dev.roster.core.table.ProfileItems;
import dev.roster.core.table.ProfileTable;
import dev.roster.junit.WithLocalAws;
import dev.roster.thumbnail.PhotoOutcome.Processed;
import dev.roster.thumbnail.image.CropChoice;
import dev.roster.thumbnail.image.CropSpec;
import dev.roster.thumbnail.image.JpegEncoder;
import dev.roster.thumbnail.image.Libvips;
import dev.roster.thumbnail.image.NativeLibrary;
import dev.roster.thumbnail.image.PhotoLimits;
import dev.roster.thumbnail.image.WebpEncoder;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * WebP twins through the pipeline: beside every JPEG crop where libvips is loaded, the item flagged and the API
 * naming them; JPEG only, and said so, where it is not or where an encoding fails.
 */
@WithLocalAws
class WebpCropsTest extends PipelineTest {
    private final List<String> lines = new ArrayList<>();

    @AfterEach
    void stdout() {
        Log.toStdout();
    }

    @Test
    void everyCropHasAWebpTwinBesideItWhereLibvipsIsLoaded() {
        WebpEncoder webp = WebpEncoder.of(new Libvips.Availability.Loaded(NativeLibrary.required()));
        profiles.waitingForUpload("webp0001", "up1", List.of("java"));
        S3Event event =
                uploads.put(PhotoKeys.upload("webp0001", "up1"), TestImages.jpeg(TestImages.naturalLike(1200, 900, 5)));

        Processed processed =
                assertInstanceOf(Processed.class, handler(webp).process(event).getFirst());

        assertTrue(processed.webpFailure().isEmpty());
        Map<String, AttributeValue> photo =
                profiles.profile("webp0001").get(ItemAttributes.PHOTO).m();
        assertEquals(AttributeValue.fromBool(true), photo.get(PhotoAttributes.WEBP));
        assertEquals(
                photo,
                profiles.tagItem("webp0001", "java").get(ItemAttributes.PHOTO).m(),
                "cards carry the flag");
        Map<String, Object> api = photoJson("webp0001");
        assertEquals(List.of("jpeg", "webp"), api.get("formats"));
        Map<?, ?> webpUrls = (Map<?, ?>) api.get("webp");
        for (CropSpec spec : CropSpec.values()) {
            String jpegKey = photoKey(photo.get(spec.attribute()).s());
            String webpKey = photoKey((String) webpUrls.get(spec.attribute()));
            assertEquals(PhotoKeys.twin(jpegKey, dev.roster.core.CropFormat.WEBP), webpKey);
            ResponseBytes<GetObjectResponse> object = get(webpKey);
            assertEquals("image/webp", object.response().contentType());
            assertEquals(
                    "public, max-age=31536000, immutable", object.response().cacheControl());
            byte[] bytes = object.asByteArray();
            assertEquals("RIFF", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
            assertEquals("WEBP", new String(bytes, 8, 4, StandardCharsets.US_ASCII));
            BufferedImage twin = dev.roster.thumbnail.image.WebpBench.readWebp(bytes);
            BufferedImage jpeg = TestImages.read(get(jpegKey).asByteArray());
            assertEquals(
                    List.of(jpeg.getWidth(), jpeg.getHeight()),
                    List.of(twin.getWidth(), twin.getHeight()),
                    spec.name());
            assertTrue(TestImages.psnr(jpeg, twin) > 30, spec + ": the twin is the same picture");
        }
        assertEquals(9, keys("webp0001").size(), "four crops, four twins, the preview");
    }

    @Test
    void withoutLibvipsAPhotoIsJpegOnlyAndTheApiSaysSo() {
        profiles.waitingForUpload("jpeg0001", "up1", List.of("go"));
        S3Event event =
                uploads.put(PhotoKeys.upload("jpeg0001", "up1"), TestImages.jpeg(TestImages.naturalLike(800, 600, 6)));

        Processed processed = assertInstanceOf(
                Processed.class,
                handler(WebpEncoder.none("no libvips: no libvips-cpp.so.8.18.7 in /opt/lib"))
                        .process(event)
                        .getFirst());

        assertTrue(processed.webpFailure().isEmpty(), "an environment without WebP is no failure per photo");
        assertFalse(profiles.profile("jpeg0001").get(ItemAttributes.PHOTO).m().containsKey(PhotoAttributes.WEBP));
        Map<String, Object> api = photoJson("jpeg0001");
        assertEquals(List.of("jpeg"), api.get("formats"));
        assertFalse(api.containsKey("webp"));
        assertTrue(
                keys("jpeg0001").stream().allMatch(k -> k.endsWith(".jpg")),
                keys("jpeg0001").toString());
        assertEquals(5, keys("jpeg0001").size());
    }

    @Test
    void aWebpEncodingThatFailsKeepsTheJpegPhotoAndIsOneWarningAndOneMetric() {
        profiles.waitingForUpload("fail0001", "up1", List.of("rust"));
        S3Event event =
                uploads.put(PhotoKeys.upload("fail0001", "up1"), TestImages.jpeg(TestImages.naturalLike(800, 600, 7)));
        WebpEncoder failing = WebpEncoder.using(rgb -> {
            if (rgb.width() == CropSpec.DETAIL_2X.targetPixels()) {
                throw new Libvips.Refused("VipsForeignSaveWebp: unable to encode");
            }
            return new byte[] {'R', 'I', 'F', 'F'};
        });
        Log.sink(lines::add);

        Processed processed = assertInstanceOf(
                Processed.class, handler(failing).process(event).getFirst());

        assertTrue(processed.webpFailure().orElseThrow().contains("VipsForeignSaveWebp: unable to encode"));
        Map<String, AttributeValue> photo =
                profiles.profile("fail0001").get(ItemAttributes.PHOTO).m();
        assertFalse(photo.containsKey(PhotoAttributes.WEBP), "JPEG only");
        assertEquals(
                "READY",
                profiles.profile("fail0001").get(ItemAttributes.PHOTO_STATUS).s(),
                "the photo is not lost");
        assertTrue(
                keys("fail0001").stream().noneMatch(k -> k.endsWith(".webp")),
                "no half set of twins: " + keys("fail0001"));
        List<Map<String, Object>> parsed =
                lines.stream().map(Json::parseTrusted).toList();
        assertEquals(
                1,
                parsed.stream()
                        .filter(l -> "WARN".equals(l.get("level"))
                                && String.valueOf(l.get("reason")).contains("unable to encode"))
                        .count(),
                lines.toString());
        assertEquals(
                1,
                parsed.stream()
                        .filter(l -> Integer.valueOf(1).equals(l.get("WebpFailures")))
                        .count(),
                lines.toString());
    }

    @Test
    void anEnvironmentWithoutWebpSaysSoOnceAtInit() {
        Log.sink(lines::add);
        PhotoPipeline.reportWebp(java.util.Optional.of("no libvips: no libvips-cpp.so.8.18.7 in /nowhere"));
        PhotoPipeline.reportWebp(java.util.Optional.empty());

        List<Map<String, Object>> parsed =
                lines.stream().map(Json::parseTrusted).toList();
        assertEquals(2, parsed.size(), lines.toString());
        assertEquals("WARN", parsed.get(0).get("level"));
        assertTrue(
                String.valueOf(parsed.get(0).get("message"))
                        .endsWith("JPEG only: no libvips: no libvips-cpp.so.8.18.7 in /nowhere"),
                lines.toString());
        assertEquals(1, parsed.get(1).get("WebpUnavailable"), lines.toString());
    }

    private ThumbnailHandler handler(WebpEncoder webp) {
        return new ThumbnailHandler(new PhotoPipeline(
                new ProfileTable(AwsClients.dynamoDb(), aws.physicalName("ProfilesTable"), Profiles.COMMUNITY),
                new PhotoStore(AwsClients.s3(), aws.physicalName("PhotosBucket"), PHOTOS_BASE_URL),
                PhotoLimits.defaults(),
                new JpegEncoder(JpegEncoder.DEFAULT_QUALITY),
                webp,
                CropChoice.SMART,
                Clock.systemUTC()));
    }

    /** The photo as the API shows it on a card. */
    private Map<String, Object> photoJson(String profileId) {
        Card card = ProfileItems.card(profiles.tagItem(
                profileId,
                profiles.profile(profileId)
                        .get(ItemAttributes.TAGS)
                        .l()
                        .getFirst()
                        .s()));
        @SuppressWarnings("unchecked")
        Map<String, Object> photo = (Map<String, Object>)
                Json.parseTrusted(Json.write(card.toJson())).get("photo");
        return photo;
    }

    private ResponseBytes<GetObjectResponse> get(String key) {
        return aws.s3()
                .getObjectAsBytes(
                        b -> b.bucket(aws.physicalName("PhotosBucket")).key(key));
    }

    private List<String> keys(String profileId) {
        return aws.objectKeys("PhotosBucket", PhotoKeys.cropsOf(profileId));
    }
}
