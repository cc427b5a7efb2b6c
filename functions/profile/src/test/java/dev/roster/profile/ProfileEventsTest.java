package dev.roster.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.Env;
import dev.roster.core.PhotoKeys;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.http.Membership;
import dev.roster.core.table.Claims;
import dev.roster.core.table.ModerationTable;
import dev.roster.core.table.ProfileTable;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample events in {@code events/} (also used by {@code sam local invoke -e}), each on its own: every test
 * starts from an empty table, and all but the first have the member of the events create their profile with
 * {@code events/put-me.json} first.
 */
@WithLocalAws
class ProfileEventsTest {
    /** The id events/get-profile.json asks for; the member of the events gets it when created. */
    static final String EVENTS_PROFILE_ID = "Ada1ove_";

    private ProfileApi api;

    @BeforeEach
    void emptyTableAndAHandlerThatHandsOutTheEventsProfileId(LocalAws aws) {
        aws.reset();
        Env env = new Env(aws.functionEnvironment("ProfileFunction", Map.of()));
        String table = env.required("TABLE_NAME");
        ProfileTable profiles = new ProfileTable(AwsClients.dynamoDb(), table, "main");
        ModerationTable moderation = new ModerationTable(AwsClients.dynamoDb(), table, "main");
        ProfileService service = new ProfileService(
                profiles,
                new Claims(AwsClients.dynamoDb(), table, "main", java.time.Clock.systemUTC()),
                moderation,
                new PhotoUploads(AwsClients.s3Presigner(), env.required("UPLOADS_BUCKET")),
                new PhotoObjects(AwsClients.s3(), env.required("UPLOADS_BUCKET"), env.required("PHOTOS_BUCKET")),
                java.time.Clock.systemUTC(),
                env.longValue("MAX_UPLOAD_BYTES", 0),
                () -> EVENTS_PROFILE_ID);
        api = new ProfileApi(new ProfileHandler(
                service,
                new ModerationService(profiles, moderation, service, java.time.Clock.systemUTC()),
                Membership.from(env)));
    }

    @Test
    void putMeCreatesTheProfile() {
        ProfileApi.Response response = api.sendEvent("put-me.json");
        assertEquals(201, response.status(), response.body());
        assertEquals("\"1\"", response.etag());
        assertEquals(
                List.of("mathematics", "java", "serverless"), response.json().get("tags"));
    }

    @Test
    void getMeShowsTheOwnersView() {
        createTheEventsProfile();
        ProfileApi.Response response = api.sendEvent("get-me.json");
        assertEquals(200, response.status(), response.body());
        assertEquals("ada@example.org", response.json().get("email"));
        assertEquals("NONE", response.json().get("photoStatus"));
    }

    @Test
    void getProfileShowsThePublicView() {
        createTheEventsProfile();
        ProfileApi.Response response = api.sendEvent("get-profile.json");
        assertEquals(200, response.status(), response.body());
        assertEquals(EVENTS_PROFILE_ID, response.json().get("id"));
        assertNull(response.json().get("email"));
    }

    @Test
    void putMeWithIfMatchUpdates() {
        createTheEventsProfile();
        ProfileApi.Response response = api.sendEvent("put-me-update.json");
        assertEquals(200, response.status(), response.body());
        assertEquals("Ada King", response.json().get("name"));
        assertEquals("\"2\"", response.etag());
        assertEquals(412, api.sendEvent("put-me-update.json").status(), "the same If-Match again is stale");
    }

    @Test
    void postMePhotoGrantsAPresignedPut() {
        createTheEventsProfile();
        ProfileApi.Response response = api.sendEvent("post-me-photo.json");
        assertEquals(201, response.status(), response.body());
        assertTrue(((String) response.json().get("url"))
                .contains("/" + PhotoKeys.UPLOADS_PREFIX + EVENTS_PROFILE_ID + "/"));
        assertEquals("PENDING", api.getMe("events-member-sub").json().get("photoStatus"));
    }

    @Test
    void deleteMePhotoLeavesNoPhotoAndNoPendingUpload() {
        createTheEventsProfile();
        assertEquals(201, api.sendEvent("post-me-photo.json").status(), "an upload is pending");
        assertEquals(204, api.sendEvent("delete-me-photo.json").status());
        assertEquals("NONE", api.getMe("events-member-sub").json().get("photoStatus"));
    }

    private void createTheEventsProfile() {
        assertEquals(201, api.sendEvent("put-me.json").status(), "events/put-me.json creates the profile");
    }
}
