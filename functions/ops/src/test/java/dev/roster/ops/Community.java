package dev.roster.ops;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.roster.core.Env;
import dev.roster.core.PhotoKeys;
import dev.roster.core.PhotoStatus;
import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.Keys;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A local community whose photos went through the real pipeline: profile items as the profile function
 * writes them, uploads put into the local uploads bucket, and the bucket's notifications pumped into the
 * real ThumbnailFunction handler (as Lambda would invoke it).
 */
final class Community {
    static final String COMMUNITY = "main";

    private final LocalAws aws;
    private final String table;
    private final S3NotificationQueue notifications;
    private final ThumbnailHandler thumbnails;

    Community(LocalAws aws) {
        this.aws = aws;
        this.table = aws.physicalName("ProfilesTable");
        this.notifications = S3NotificationQueue.of(aws, "ThumbnailFunction");
        this.thumbnails = new ThumbnailHandler(new Env(
                aws.functionEnvironment("ThumbnailFunction", Map.of("PHOTOS_BASE_URL", "https://photos.roster.test"))));
    }

    Env opsEnvironment() {
        return new Env(aws.functionEnvironment("OpsFunction", Map.of()));
    }

    String uploadsBucket() {
        return aws.physicalName("UploadsBucket");
    }

    /** A visible member with tags, whose photo was uploaded and processed. */
    void memberWithPhoto(String profileId, List<String> tags) {
        membersWithPhotos(List.of(profileId), tags);
    }

    /**
     * Visible members with the same tags, whose photos (upload id {@code first-<profileId>}) were uploaded and
     * processed; one pump for all, so a test sets up several without waiting out an empty queue for each.
     */
    void membersWithPhotos(List<String> profileIds, List<String> tags) {
        for (String profileId : profileIds) {
            String uploadId = "first-" + profileId;
            member(profileId, tags, uploadId);
            aws.s3()
                    .putObject(
                            b -> b.bucket(uploadsBucket())
                                    .key(PhotoKeys.upload(profileId, uploadId))
                                    .contentType("image/jpeg"),
                            RequestBody.fromBytes(jpeg(profileId.hashCode())));
        }
        List<PhotoOutcome> outcomes = pump();
        if (outcomes.size() != profileIds.size()
                || !outcomes.stream().allMatch(PhotoOutcome.Processed.class::isInstance)) {
            throw new AssertionError("setting up " + profileIds + ": " + outcomes);
        }
    }

    /** A member as {@code PUT /me} then {@code POST /me/photo} leave them (pending upload, or none). */
    void member(String profileId, List<String> tags, String pendingUploadId) {
        String sortName = "member " + profileId.toLowerCase();
        Map<String, AttributeValue> card = Map.of(
                ItemAttributes.PROFILE_ID,
                s(profileId),
                ItemAttributes.NAME,
                s("Member " + profileId),
                ItemAttributes.TAGS,
                AttributeValue.fromL(tags.stream().map(Community::s).toList()));
        Map<String, AttributeValue> item = new HashMap<>(card);
        item.put(Keys.PK, s(Keys.profilePk(COMMUNITY, profileId)));
        item.put(Keys.SK, s(Keys.PROFILE_SK));
        item.put(Keys.GSI1PK, s(Keys.directoryPk(COMMUNITY)));
        item.put(Keys.GSI1SK, s(Keys.nameSortKey(sortName, profileId)));
        item.put(ItemAttributes.SORT_NAME, s(sortName));
        item.put(ItemAttributes.VISIBLE, AttributeValue.fromBool(true));
        item.put(ItemAttributes.OWNER_SUB, s("sub-" + profileId));
        item.put(ItemAttributes.VERSION, AttributeValue.fromN("2"));
        if (pendingUploadId != null) {
            item.put(ItemAttributes.PHOTO_STATUS, s(PhotoStatus.PENDING.name()));
            item.put(ItemAttributes.PENDING_UPLOAD_ID, s(pendingUploadId));
        }
        aws.dynamoDb().putItem(b -> b.tableName(table).item(item));
        for (String tag : tags) {
            Map<String, AttributeValue> tagItem = new HashMap<>(card);
            tagItem.put(Keys.PK, s(Keys.tagPk(COMMUNITY, tag)));
            tagItem.put(Keys.SK, s(Keys.nameSortKey(sortName, profileId)));
            aws.dynamoDb().putItem(b -> b.tableName(table).item(tagItem));
        }
    }

    /** What the items of a photo made before the current crop spec look like: an older specVersion. */
    void madeByOlderSpec(String profileId, int specVersion) {
        for (Map<String, AttributeValue> key : itemKeys(profileId)) {
            aws.dynamoDb()
                    .updateItem(b -> b.tableName(table)
                            .key(key)
                            .updateExpression("SET #p.#v = :v")
                            .expressionAttributeNames(Map.of(
                                    "#p", ItemAttributes.PHOTO, "#v", ItemAttributes.PhotoAttributes.SPEC_VERSION))
                            .expressionAttributeValues(
                                    Map.of(":v", AttributeValue.fromN(Integer.toString(specVersion)))));
        }
    }

    void setPending(String profileId, String uploadId) {
        aws.dynamoDb()
                .updateItem(b -> b.tableName(table)
                        .key(profileKey(profileId))
                        .updateExpression("SET #p = :u")
                        .expressionAttributeNames(Map.of("#p", ItemAttributes.PENDING_UPLOAD_ID))
                        .expressionAttributeValues(Map.of(":u", s(uploadId))));
    }

    /** A photo the member placed with a focal point (on the profile item, which reprocess reads). */
    void focusedOn(String profileId, double x, double y) {
        aws.dynamoDb()
                .updateItem(b -> b.tableName(table)
                        .key(profileKey(profileId))
                        .updateExpression("SET #p.#f = :f")
                        .expressionAttributeNames(
                                Map.of("#p", ItemAttributes.PHOTO, "#f", ItemAttributes.PhotoAttributes.FOCAL_POINT))
                        .expressionAttributeValues(Map.of(
                                ":f",
                                dev.roster.core.table.ProfileItems.focalPointValue(
                                        new dev.roster.core.profile.FocalPoint(x, y)))));
    }

    void removeAttribute(String profileId, String photoAttribute) {
        aws.dynamoDb()
                .updateItem(b -> b.tableName(table)
                        .key(profileKey(profileId))
                        .updateExpression("REMOVE #p.#a")
                        .expressionAttributeNames(Map.of("#p", ItemAttributes.PHOTO, "#a", photoAttribute)));
    }

    /** Every notification now in the queue, handed to the thumbnail function; returns what it did. */
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

    Map<String, AttributeValue> profile(String profileId) {
        return aws.dynamoDb()
                .getItem(b -> b.tableName(table).key(profileKey(profileId)).consistentRead(true))
                .item();
    }

    /** The profile item and its tag items. */
    List<Map<String, AttributeValue>> items(String profileId) {
        return itemKeys(profileId).stream()
                .map(key -> aws.dynamoDb()
                        .getItem(b -> b.tableName(table).key(key).consistentRead(true))
                        .item())
                .toList();
    }

    /** Profile items in the table (a Scan: tests only). */
    int profileCount() {
        return aws.dynamoDb()
                .scan(b -> b.tableName(table)
                        .filterExpression("SK = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(Keys.PROFILE_SK))))
                .count();
    }

    int specVersion(Map<String, AttributeValue> item) {
        return Integer.parseInt(item.get(ItemAttributes.PHOTO)
                .m()
                .get(ItemAttributes.PhotoAttributes.SPEC_VERSION)
                .n());
    }

    private List<Map<String, AttributeValue>> itemKeys(String profileId) {
        Map<String, AttributeValue> profile = profile(profileId);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        keys.add(profileKey(profileId));
        for (AttributeValue tag : profile.get(ItemAttributes.TAGS).l()) {
            keys.add(Map.of(
                    Keys.PK,
                    s(Keys.tagPk(COMMUNITY, tag.s())),
                    Keys.SK,
                    s(Keys.nameSortKey(profile.get(ItemAttributes.SORT_NAME).s(), profileId))));
        }
        return keys;
    }

    static Map<String, AttributeValue> profileKey(String profileId) {
        return Map.of(Keys.PK, s(Keys.profilePk(COMMUNITY, profileId)), Keys.SK, s(Keys.PROFILE_SK));
    }

    static byte[] jpeg(int seed) {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(seed & 0xffffff), 320, 240, Color.WHITE));
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
