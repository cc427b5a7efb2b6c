package dev.roster.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.Env;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.http.Caller;
import dev.roster.core.json.Json;
import dev.roster.core.profile.ProfileId;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.table.Claims;
import dev.roster.core.table.ModerationTable;
import dev.roster.core.table.ProfileTable;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.FaultProxy;
import dev.roster.junit.SdkCalls;
import dev.roster.junit.WithLocalAws;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code PUT /me} without {@code If-Match} is idempotent: a create sent again (by the SDK after a lost answer, or
 * by the member after a 503) whose profile is already stored as it asks is answered as the create was, 201 with
 * that profile and its ETag; a different body still finds the profile in its way.
 */
@WithLocalAws
class RetriedCreateTest {
    private static final String BODY = "{\"name\":\"Ada Retried\",\"organisation\":\"Engines\",\"location\":\"London\","
            + "\"website\":\"https://ada.example.org\",\"bio\":\"Notes.\",\"visible\":true,\"tags\":[\"maths\",\"engines\"]}";
    private static final String OTHER_BODY = "{\"name\":\"Ada Otherwise\",\"visible\":false}";

    private LocalAws aws;
    private ProfileApi api;
    private ProfileTable profiles;

    @BeforeEach
    void setUp(LocalAws aws) {
        this.aws = aws;
        api = new ProfileApi(aws);
        profiles = new ProfileTable(aws.dynamoDb(), aws.physicalName("ProfilesTable"), "main");
    }

    @Test
    void createWhoseAnswerWasLostIsAnsweredByTheSdksRetry() {
        try (FaultProxy proxy = FaultProxy.inFrontOf(aws.endpoint());
                DynamoDbClient viaProxy = AwsClients.dynamoDbBuilder()
                        .endpointOverride(proxy.endpoint())
                        .build()) {
            ProfileApi lossy = new ProfileApi(aws, viaProxy);
            proxy.loseAnswerTo("TransactWriteItems");

            ProfileApi.Response created = lossy.putMe("lost-answer", BODY, null);

            assertEquals(201, created.status(), created.body());
            assertEquals("\"1\"", created.etag());
            assertEquals(
                    3, proxy.requests(), "the owner pointer, the create, its retry: the refusal says what is stored");
            ProfileApi.Response me = api.getMe("lost-answer");
            assertEquals(created.json().get("id"), me.json().get("id"));
            assertEquals(created.etag(), me.etag());
            assertEquals(created.json(), me.json());
        }
    }

    @Test
    void theSameCreateSentAgainGetsTheSame201() {
        ProfileApi.Response first = api.putMe("sent-twice", BODY, null);
        SdkCalls.reset();
        ProfileApi.Response again = api.putMe("sent-twice", BODY, null);

        assertEquals(201, first.status(), first.body());
        assertEquals(201, again.status(), again.body());
        assertEquals(first.json().get("id"), again.json().get("id"));
        assertEquals(first.etag(), again.etag());
        assertEquals(first.json(), again.json());
        assertEquals(
                List.of("DynamoDb:GetItem", "DynamoDb:GetItem"), SdkCalls.recorded(), "pointer, profile: no write");
    }

    @Test
    void aDifferentCreateSentAgainIsStillRefusedAndChangesNothing() {
        ProfileApi.Response first = api.putMe("changed-mind", BODY, null);

        ProfileApi.Response other = api.putMe("changed-mind", OTHER_BODY, null);

        assertEquals(428, other.status(), other.body());
        assertEquals(first.json(), api.getMe("changed-mind").json());
    }

    @Test
    void anEditedProfileIsNotWhatACreateWouldHaveWritten() {
        ProfileApi.Response first = api.putMe("edited-since", BODY, null);
        assertEquals(200, api.putMe("edited-since", OTHER_BODY, first.etag()).status());

        assertEquals(428, api.putMe("edited-since", BODY, null).status());
    }

    /**
     * The race a create can lose: the member's other request (a retry after a 503 whose write landed late) creates
     * the profile after this one found no owner pointer and before its transaction. The transaction's refusal
     * names the stored profile; the same fields are the create's answer, other fields a 412.
     */
    @Test
    void aCreateThatLosesToTheSameCreateGets201AndToAnotherA412() {
        ProfileInput asked = ProfileInput.fromJson(Json.parseObject(BODY));
        String landed = ProfileId.newProfileId();
        ProfileService racing = serviceWhoseNextIdFollows(() -> profiles.create("raced", landed, asked));

        ProfileOutcome same = racing.save(caller("raced"), asked, null);

        ProfileOutcome.Saved saved = assertInstanceOf(ProfileOutcome.Saved.class, same);
        assertTrue(saved.created());
        assertEquals(landed, saved.profile().id());
        assertEquals("\"1\"", saved.profile().etag());

        ProfileInput other = ProfileInput.fromJson(Json.parseObject(OTHER_BODY));
        ProfileService losing = serviceWhoseNextIdFollows(() -> profiles.create("raced-other", landed + "X", other));
        ProfileOutcome refused = losing.save(caller("raced-other"), asked, null);

        assertEquals(
                412,
                assertInstanceOf(ProfileOutcome.Refused.class, refused).error().status());
        assertEquals(other, profiles.read(landed + "X").orElseThrow().input());
    }

    @Test
    void theSdksRetryOfItsOwnCreateCostsNoRead() {
        ProfileInput asked = ProfileInput.fromJson(Json.parseObject(BODY));
        String id = ProfileId.newProfileId();
        assertInstanceOf(ProfileTable.Creation.Created.class, profiles.create("retried", id, asked));

        SdkCalls.reset();
        ProfileTable.Creation again = profiles.create("retried", id, asked);

        ProfileTable.Creation.AlreadyOwned owned = assertInstanceOf(ProfileTable.Creation.AlreadyOwned.class, again);
        assertEquals(id, owned.existing().orElseThrow().id());
        assertEquals(asked, owned.existing().orElseThrow().input());
        assertEquals(List.of("DynamoDb:TransactWriteItems"), SdkCalls.recorded());
    }

    /** A service whose profile-id draw first lets {@code meanwhile} happen, the way another request can. */
    private ProfileService serviceWhoseNextIdFollows(Supplier<ProfileTable.Creation> meanwhile) {
        Env env = new Env(aws.functionEnvironment("ProfileFunction", Map.of()));
        String table = env.required("TABLE_NAME");
        DynamoDbClient dynamoDb = aws.dynamoDb();
        return new ProfileService(
                profiles,
                new Claims(dynamoDb, table, "main", Clock.systemUTC()),
                new ModerationTable(dynamoDb, table, "main"),
                new PhotoUploads(AwsClients.s3Presigner(), AwsClients.s3(), env.required("UPLOADS_BUCKET")),
                new PhotoObjects(AwsClients.s3(), env.required("UPLOADS_BUCKET"), env.required("PHOTOS_BUCKET")),
                Clock.systemUTC(),
                ProfileService.DEFAULT_MAX_UPLOAD_BYTES,
                () -> {
                    assertInstanceOf(ProfileTable.Creation.Created.class, meanwhile.get());
                    return ProfileId.newProfileId();
                });
    }

    private static Caller caller(String sub) {
        return new Caller(sub, null, false, Set.of(), false);
    }
}
