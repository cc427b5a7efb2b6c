package dev.roster.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.core.CropFormat;
import dev.roster.core.PhotoKeys;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.profile.Card;
import dev.roster.core.table.Directory;
import dev.roster.core.table.ProfileTable;
import dev.roster.junit.WithLocalAws;
import dev.roster.thumbnail.PhotoOutcome.Processed;
import dev.roster.thumbnail.image.CropChoice;
import dev.roster.thumbnail.image.JpegEncoder;
import dev.roster.thumbnail.image.Libvips;
import dev.roster.thumbnail.image.NativeLibrary;
import dev.roster.thumbnail.image.PhotoLimits;
import dev.roster.thumbnail.image.WebpBench;
import dev.roster.thumbnail.image.WebpEncoder;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A page of 24 cards, read as the list function reads it (one Query), says which formats each photo has, and the
 * photos bucket agrees: every WebP URL a card names is a WebP of its JPEG's size, no JPEG-only card has one, and a
 * page's WebP thumbnails weigh less than its JPEG ones.
 */
@WithLocalAws
class CardPageWebpTest extends PipelineTest {
    static final int PAGE = 24;
    static final int WITHOUT_WEBP = 6;

    @Test
    void aPageOfCardsNamesExactlyTheWebpObjectsThereAre() {
        WebpEncoder webp = WebpEncoder.of(new Libvips.Availability.Loaded(NativeLibrary.required()));
        ProfileTable table =
                new ProfileTable(AwsClients.dynamoDb(), aws.physicalName("ProfilesTable"), Profiles.COMMUNITY);
        PhotoStore store = new PhotoStore(AwsClients.s3(), aws.physicalName("PhotosBucket"), PHOTOS_BASE_URL);
        PhotoPipeline withWebp = pipeline(table, store, webp);
        PhotoPipeline jpegOnly = pipeline(table, store, WebpEncoder.none("no libvips here"));
        for (int i = 0; i < PAGE; i++) {
            String id = String.format("page%04d", i);
            profiles.waitingForUpload(id, "up", List.of("gallery"));
            S3Event event =
                    uploads.put(PhotoKeys.upload(id, "up"), TestImages.jpeg(TestImages.naturalLike(480, 360, 100 + i)));
            PhotoPipeline pipeline = i < PAGE - WITHOUT_WEBP ? withWebp : jpegOnly;
            assertInstanceOf(
                    Processed.class,
                    pipeline.handle(UploadedObject.of(event.getRecords().getFirst())));
        }

        Directory.Page page = new Directory(
                        AwsClients.dynamoDb(), aws.physicalName("ProfilesTable"), Profiles.COMMUNITY)
                .page(new Directory.PageQuery(List.of("gallery"), null, PAGE), null);

        assertEquals(PAGE, page.cards().size());
        long jpegBytes = 0;
        long webpBytes = 0;
        int withTwins = 0;
        for (Card card : page.cards()) {
            Map<String, String> jpegs = card.photo().cropUrls(CropFormat.JPEG);
            if (card.photo().formats().contains(CropFormat.WEBP)) {
                withTwins++;
                Map<String, String> twins = card.photo().cropUrls(CropFormat.WEBP);
                for (String crop : jpegs.keySet()) {
                    ResponseBytes<GetObjectResponse> twin = photoObject(twins.get(crop));
                    ResponseBytes<GetObjectResponse> jpeg = photoObject(jpegs.get(crop));
                    assertEquals("image/webp", twin.response().contentType(), twins.get(crop));
                    BufferedImage decoded = WebpBench.readWebp(twin.asByteArray());
                    BufferedImage original = TestImages.read(jpeg.asByteArray());
                    assertEquals(original.getWidth(), decoded.getWidth(), twins.get(crop));
                    assertEquals(original.getHeight(), decoded.getHeight(), twins.get(crop));
                    if (crop.equals("thumb1x")) {
                        jpegBytes += jpeg.asByteArray().length;
                        webpBytes += twin.asByteArray().length;
                    }
                }
            } else {
                for (String url : jpegs.values()) {
                    String twin = photoKey(PhotoKeys.twin(url, CropFormat.WEBP));
                    assertThrows(
                            NoSuchKeyException.class,
                            () -> aws.s3()
                                    .headObject(b -> b.bucket(aws.physicalName("PhotosBucket"))
                                            .key(twin)),
                            "a JPEG-only card has no twin: " + twin);
                }
            }
        }
        assertEquals(PAGE - WITHOUT_WEBP, withTwins, "the page says which photos have WebP twins");
        System.out.printf(
                "thumb1x of the %d cards with twins: JPEG %d bytes, WebP %d bytes%n", withTwins, jpegBytes, webpBytes);
        assertTrue(webpBytes < jpegBytes, "WebP " + webpBytes + " bytes, JPEG " + jpegBytes);
    }

    private static PhotoPipeline pipeline(ProfileTable table, PhotoStore store, WebpEncoder webp) {
        return new PhotoPipeline(
                table,
                store,
                PhotoLimits.defaults(),
                new JpegEncoder(JpegEncoder.DEFAULT_QUALITY),
                webp,
                CropChoice.SMART,
                Clock.systemUTC());
    }
}
