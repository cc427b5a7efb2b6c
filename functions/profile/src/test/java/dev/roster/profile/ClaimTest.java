package dev.roster.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.aws.AwsClients;
import dev.roster.core.http.ApiEvents;
import dev.roster.core.json.Json;
import dev.roster.core.profile.ProfileId;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.table.Claims;
import dev.roster.core.table.Keys;
import dev.roster.core.table.ProfileTable;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.FaultProxy;
import dev.roster.junit.WithLocalAws;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A member takes over the profile an import made for them: their token's verified e-mail address equals the
 * imported one (in any case), and their first request makes them its owner, exactly once.
 */
@WithLocalAws
class ClaimTest {
    private LocalAws aws;
    private ProfileApi api;
    private ProfileTable profiles;
    private Claims claims;

    @BeforeEach
    void setUp(LocalAws aws) {
        this.aws = aws;
        api = new ProfileApi(aws);
        String table = aws.physicalName("ProfilesTable");
        profiles = new ProfileTable(aws.dynamoDb(), table, "main");
        claims = new Claims(aws.dynamoDb(), table, "main", Clock.systemUTC());
    }

    /** What the import does for a row: the profile with its import pointer, then the offer under its address. */
    private String imported(String importId, String name, String email) {
        String id = ProfileId.newProfileId();
        ProfileInput input = ProfileInput.fromJson(Json.parseObject(
                "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"visible\":true,\"tags\":[\"claim\"]}"));
        ProfileTable.Write created = profiles.createImported(importId, id, input);
        assertTrue(created instanceof ProfileTable.Write.Done, importId + ": " + created);
        claims.offer(email, id);
        return id;
    }

    private ProfileApi.Response firstRequest(String sub, String email) {
        return api.send(ApiEvents.route("GET /me").as(sub).verifiedEmail(email));
    }

    @Test
    void aVerifiedEmailClaimsTheImportedProfileOnTheFirstRequestWhateverItsCase() {
        String id = imported("C1", "Ada Imported", "ada@example.org");

        ProfileApi.Response me = firstRequest("ada-sub", "Ada@Example.ORG");

        assertEquals(200, me.status(), me.body());
        assertEquals(id, me.json().get("id"), "the imported profile, same id");
        assertEquals("Ada Imported", me.json().get("name"));
        assertEquals("ada-sub", owner(id));
        assertEquals(1, profilesNamed("Ada Imported"), "the directory gains no duplicate");
        // the member edits it like any profile of theirs; the next request needs no claim
        ProfileApi.Response edit = api.putMe("ada-sub", ProfileApi.profile("Ada Lovelace", true, "claim"), me.etag());
        assertEquals(200, edit.status(), edit.body());
        assertEquals(id, api.getMe("ada-sub").json().get("id"));
    }

    @Test
    void aClaimedProfileAsksItsMemberToCheckItUntilTheirFirstSave() {
        String id = imported("C8", "Mary Imported", "mary@example.org");

        ProfileApi.Response claimed = firstRequest("mary-sub", "mary@example.org");
        ProfileApi.Response again = api.getMe("mary-sub");
        ProfileApi.Response page = api.getProfile("reader-sub", id);

        Map<String, Object> claim = claimOf(claimed);
        assertEquals(false, claim.get("reviewed"), claimed.body());
        Instant at = Instant.parse((String) claim.get("at"));
        assertEquals(claim, claimOf(again), "reading it is not checking it");
        assertEquals(200, page.status(), page.body());
        assertFalse(
                page.body().contains("claimed")
                        || page.body().contains(claim.get("at").toString()),
                "the claim is its owner's alone: " + page.body());

        ProfileApi.Response saved =
                api.putMe("mary-sub", ProfileApi.profile("Mary Somerville", true, "claim"), again.etag());

        assertEquals(200, saved.status(), saved.body());
        assertEquals(Map.of("at", at.toString(), "reviewed", true), claimOf(saved), "the save answers it is checked");
        assertEquals(Map.of("at", at.toString(), "reviewed", true), claimOf(api.getMe("mary-sub")));
    }

    @Test
    void aMemberWhoWasNeverImportedIsNeverAskedToCheck() {
        imported("C9", "Someone Else", "someone@example.org");

        ProfileApi.Response created = api.putMe("own-sub", ProfileApi.profile("Own Maker", true), null);
        ProfileApi.Response me =
                api.send(ApiEvents.route("GET /me").as("own-sub").verifiedEmail("own@example.org"));

        assertEquals(201, created.status(), created.body());
        assertTrue(created.json().containsKey("claimed") && created.json().get("claimed") == null, created.body());
        assertEquals(200, me.status(), me.body());
        assertTrue(me.json().containsKey("claimed") && me.json().get("claimed") == null, me.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claimOf(ProfileApi.Response me) {
        assertEquals(200, me.status(), me.body());
        return (Map<String, Object>) me.json().get("claimed");
    }

    @Test
    void aTokenWithoutAVerifiedAddressNeverClaims() {
        String id = imported("C2", "Grace Imported", "grace@example.org");

        ProfileApi.Response unverified = api.send(ApiEvents.route("GET /me")
                .as("grace-sub")
                .claim("email", "grace@example.org")
                .claim("email_verified", "false"));
        ProfileApi.Response noFlag =
                api.send(ApiEvents.route("GET /me").as("grace-sub").claim("email", "grace@example.org"));
        ProfileApi.Response created = api.putMe("grace-sub", ProfileApi.profile("Grace New", true), null);

        assertEquals(404, unverified.status());
        assertEquals(404, noFlag.status());
        assertEquals(201, created.status(), "without a verified address the member starts a profile of their own");
        assertEquals("", owner(id), "the imported profile waits for its verified member");
    }

    @Test
    void anAddressOnTwoImportedProfilesClaimsNeitherAndTheMemberIsToldWhy() {
        String first = imported("C3", "Linus One", "linus@example.org");
        String second = imported("C4", "Linus Two", "LINUS@example.org");

        ProfileApi.Response me = firstRequest("linus-sub", "linus@example.org");

        assertEquals(404, me.status());
        assertEquals("claim_ambiguous", me.errorCode());
        assertTrue(me.errorMessage().contains("2 imported profiles carry your e-mail address"), me.errorMessage());
        assertEquals("", owner(first));
        assertEquals("", owner(second));
    }

    @Test
    void concurrentFirstRequestsClaimExactlyOnce() throws Exception {
        String id = imported("C5", "Hedy Imported", "hedy@example.org");
        // the handlers race each other; the emulator isolates each call as DynamoDB does (FaultProxy.oneAtATime)
        FaultProxy isolated = FaultProxy.inFrontOf(aws.endpoint()).oneAtATime();
        DynamoDbClient viaProxy = AwsClients.dynamoDbBuilder()
                .endpointOverride(isolated.endpoint())
                .build();
        ProfileApi api = new ProfileApi(aws, viaProxy);
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ProfileApi.Response>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            // the same member from several tabs, and a second account of theirs with the same address
            String sub = i % 2 == 0 ? "hedy-sub" : "hedy-other-account";
            answers.add(pool.submit(() -> {
                start.await();
                return api.send(ApiEvents.route("GET /me").as(sub).verifiedEmail("hedy@example.org"));
            }));
        }
        start.countDown();
        List<ProfileApi.Response> responses = new ArrayList<>();
        for (Future<ProfileApi.Response> answer : answers) {
            responses.add(answer.get());
        }
        pool.shutdown();
        viaProxy.close();
        isolated.close();

        String winner = owner(id);
        assertTrue(Set.of("hedy-sub", "hedy-other-account").contains(winner), winner);
        for (int i = 0; i < requests; i++) {
            String sub = i % 2 == 0 ? "hedy-sub" : "hedy-other-account";
            ProfileApi.Response response = responses.get(i);
            if (sub.equals(winner)) {
                assertEquals(200, response.status(), response.body());
                assertEquals(id, response.json().get("id"));
            } else {
                assertEquals(404, response.status(), "the loser owns nothing: " + response.body());
            }
        }
        assertEquals(1, ownerPointersTo(id), "one owner pointer for the profile");
        assertEquals(1, profilesNamed("Hedy Imported"));
    }

    @Test
    void aClaimedProfileIsOfferedToNobodyElse() {
        String id = imported("C6", "Barbara Imported", "barbara@example.org");
        assertEquals(200, firstRequest("barbara-sub", "barbara@example.org").status());

        ProfileApi.Response other = firstRequest("someone-else", "barbara@example.org");

        assertEquals(404, other.status());
        assertEquals("not_found", other.errorCode());
        assertEquals("barbara-sub", owner(id));
    }

    private String owner(String profileId) {
        return profiles.read(profileId).orElseThrow().ownerSub();
    }

    private int profilesNamed(String name) {
        return aws.dynamoDb()
                .scan(b -> b.tableName(aws.physicalName("ProfilesTable"))
                        .filterExpression("SK = :p AND #n = :name")
                        .expressionAttributeNames(Map.of("#n", "name"))
                        .expressionAttributeValues(Map.of(
                                ":p", AttributeValue.fromS(Keys.PROFILE_SK), ":name", AttributeValue.fromS(name))))
                .count();
    }

    private long ownerPointersTo(String profileId) {
        return aws
                .dynamoDb()
                .scan(b -> b.tableName(aws.physicalName("ProfilesTable"))
                        .filterExpression("SK = :o AND profileId = :id")
                        .expressionAttributeValues(Map.of(
                                ":o", AttributeValue.fromS(Keys.OWNER_SK), ":id", AttributeValue.fromS(profileId))))
                .items()
                .stream()
                .collect(Collectors.counting());
    }
}
