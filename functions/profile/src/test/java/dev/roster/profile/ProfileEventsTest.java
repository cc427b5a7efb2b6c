package dev.roster.profile;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.roster.core.Env;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.http.Membership;
import dev.roster.core.table.Claims;
import dev.roster.core.table.ModerationTable;
import dev.roster.core.table.ProfileTable;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample events in {@code events/} (also used by {@code sam local invoke -e}), in the order a member
 * would send them: create, read, read publicly, edit, upload a photo, remove it.
 */
@WithLocalAws
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProfileEventsTest {
    /** The id events/get-profile.json asks for; the member of the events gets it when created. */
    static final String EVENTS_PROFILE_ID = "Ada1ove_";
    static ProfileApi api;

    @BeforeAll
    static void handlerThatHandsOutTheEventsProfileId(LocalAws aws) {
        Env env = new Env(aws.functionEnvironment("ProfileFunction", Map.of()));
        String table = env.required("TABLE_NAME");
        ProfileTable profiles = new ProfileTable(AwsClients.dynamoDb(), table, "main");
        ModerationTable moderation = new ModerationTable(AwsClients.dynamoDb(), table, "main");
        ProfileService service = new ProfileService(profiles,
                new Claims(AwsClients.dynamoDb(), table, "main", java.time.Clock.systemUTC()), moderation,
                new PhotoUploads(AwsClients.s3Presigner(), env.required("UPLOADS_BUCKET")),
                new PhotoObjects(AwsClients.s3(), env.required("UPLOADS_BUCKET"), env.required("PHOTOS_BUCKET")),
                java.time.Clock.systemUTC(), env.longValue("MAX_UPLOAD_BYTES", 0), () -> EVENTS_PROFILE_ID);
        api = new ProfileApi(new ProfileHandler(service, new ModerationService(profiles, moderation, service,
                java.time.Clock.systemUTC()), Membership.from(env)));
    }

    @ParameterizedTest
    @Order(1)
    @Event(value = "../../events/put-me.json", type = APIGatewayV2HTTPEvent.class)
    void putMeCreatesTheProfile(APIGatewayV2HTTPEvent event) {
        ProfileApi.Response response = api.send(event);
        assertEquals(201, response.status(), response.body());
        assertEquals("\"1\"", response.etag());
        assertEquals(List.of("mathematics", "java", "serverless"), response.json().get("tags"));
    }

    @ParameterizedTest
    @Order(2)
    @Event(value = "../../events/get-me.json", type = APIGatewayV2HTTPEvent.class)
    void getMeShowsTheOwnersView(APIGatewayV2HTTPEvent event) {
        ProfileApi.Response response = api.send(event);
        assertEquals(200, response.status(), response.body());
        assertEquals("ada@example.org", response.json().get("email"));
        assertEquals("NONE", response.json().get("photoStatus"));
    }

    @ParameterizedTest
    @Order(3)
    @Event(value = "../../events/get-profile.json", type = APIGatewayV2HTTPEvent.class)
    void getProfileShowsThePublicView(APIGatewayV2HTTPEvent event) {
        ProfileApi.Response response = api.send(event);
        assertEquals(200, response.status(), response.body());
        assertEquals(EVENTS_PROFILE_ID, response.json().get("id"));
        assertNull(response.json().get("email"));
    }

    @ParameterizedTest
    @Order(4)
    @Event(value = "../../events/put-me-update.json", type = APIGatewayV2HTTPEvent.class)
    void putMeWithIfMatchUpdates(APIGatewayV2HTTPEvent event) {
        ProfileApi.Response response = api.send(event);
        assertEquals(200, response.status(), response.body());
        assertEquals("Ada King", response.json().get("name"));
        assertEquals("\"2\"", response.etag());
        assertEquals(412, api.send(event).status(), "the same If-Match again is stale");
    }

    @ParameterizedTest
    @Order(5)
    @Event(value = "../../events/post-me-photo.json", type = APIGatewayV2HTTPEvent.class)
    void postMePhotoGrantsAPresignedPut(APIGatewayV2HTTPEvent event) {
        ProfileApi.Response response = api.send(event);
        assertEquals(201, response.status(), response.body());
        assertTrue(((String) response.json().get("url")).contains("/uploads/" + EVENTS_PROFILE_ID + "/"));
        assertEquals("PENDING", api.getMe("events-member-sub").json().get("photoStatus"));
    }

    @ParameterizedTest
    @Order(6)
    @Event(value = "../../events/delete-me-photo.json", type = APIGatewayV2HTTPEvent.class)
    void deleteMePhotoLeavesNoPhotoAndNoPendingUpload(APIGatewayV2HTTPEvent event) {
        assertEquals(204, api.send(event).status());
        assertEquals("NONE", api.getMe("events-member-sub").json().get("photoStatus"));
    }
}
