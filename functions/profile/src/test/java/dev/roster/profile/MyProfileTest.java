package dev.roster.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.Env;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.table.Keys;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@WithLocalAws
class MyProfileTest {
    @Test
    void creatingAProfileReturnsItWithAnEtagAndGetMeShowsTheOwnersView(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        assertEquals(404, api.getMe("creator").status(), "no profile before the first PUT");

        ProfileApi.Response created = api.putMe("creator", """
                {"name":"  Zoë Ólafsdóttir ","organisation":"Reykjavík Labs","location":"Reykjavík",
                 "website":"https://zoe.example.org","bio":"Hello\\nthere","email":"zoe@example.org",
                 "tags":["Java"," Serverless ","java","Ice  Climbing"],"visible":true}""", null);
        assertEquals(201, created.status(), created.body());
        assertEquals("\"1\"", created.etag());

        ProfileApi.Response me = api.getMe("creator");
        assertEquals(200, me.status());
        assertEquals("\"1\"", me.etag());
        Map<String, Object> body = me.json();
        assertEquals("Zoë Ólafsdóttir", body.get("name"));
        assertEquals(
                List.of("java", "serverless", "ice climbing"), body.get("tags"), "lower case, trimmed, deduplicated");
        assertEquals(true, body.get("visible"));
        assertEquals("NONE", body.get("photoStatus"));
        assertEquals("zoe@example.org", body.get("email"));
        assertEquals(8, ((String) body.get("id")).length());
        assertEquals("ZÓ", ((Map<?, ?>) body.get("avatar")).get("initials"));
        assertNull(body.get("photo"));
    }

    @Test
    void anUpdateNeedsTheCurrentEtag(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        String etag = api.putMe("editor", ProfileApi.profile("Grace Hopper", true, "cobol"), null)
                .etag();

        ProfileApi.Response missing = api.putMe("editor", ProfileApi.profile("Grace B. Hopper", true), null);
        assertEquals(428, missing.status());
        assertTrue(missing.errorMessage().contains("If-Match"), missing.errorMessage());

        ProfileApi.Response updated = api.putMe("editor", ProfileApi.profile("Grace B. Hopper", true, "navy"), etag);
        assertEquals(200, updated.status(), updated.body());
        assertEquals("\"2\"", updated.etag());

        ProfileApi.Response stale = api.putMe("editor", ProfileApi.profile("Grace Hopper", true), etag);
        assertEquals(412, stale.status());
        assertTrue(stale.errorMessage().contains("GET /me"), stale.errorMessage());
        assertEquals("Grace B. Hopper", api.getMe("editor").json().get("name"), "the stale write changed nothing");
    }

    /**
     * Six members' devices edit the same profile from the same ETag. Every writer reads version 1 before any
     * writes (a barrier at the transaction), so each passes the early ETag check and only the transaction's
     * version condition can stop it. The transactions then run one at a time, as DynamoDB serialises them
     * (moto's are not atomic across threads, so letting them overlap would test moto, not this code).
     */
    @Test
    void concurrentEditsWithTheSameEtagLetExactlyOneWinAndTheOthersGet412(LocalAws aws) throws Exception {
        int writers = 6;
        CyclicBarrier allHaveRead = new CyclicBarrier(writers);
        Semaphore oneTransactionAtATime = new Semaphore(1);
        ExecutionInterceptor serialised = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (attributes
                        .getAttribute(SdkExecutionAttribute.OPERATION_NAME)
                        .equals("TransactWriteItems")) {
                    try {
                        allHaveRead.await(10, TimeUnit.SECONDS);
                        oneTransactionAtATime.acquire();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                release(attributes);
            }

            @Override
            public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
                release(attributes);
            }

            private void release(ExecutionAttributes attributes) {
                if (attributes
                        .getAttribute(SdkExecutionAttribute.OPERATION_NAME)
                        .equals("TransactWriteItems")) {
                    oneTransactionAtATime.release();
                }
            }
        };
        ProfileApi creator = new ProfileApi(aws);
        String etag = creator.putMe("racer", ProfileApi.profile("Racer", true, "a", "b"), null)
                .etag();
        ProfileApi api = new ProfileApi(new ProfileHandler(
                new Env(aws.functionEnvironment("ProfileFunction", Map.of())),
                AwsClients.dynamoDb(List.of(serialised)),
                AwsClients.s3Presigner(),
                AwsClients.s3()));

        List<CompletableFuture<ProfileApi.Response>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            for (int i = 0; i < writers; i++) {
                String name = "Racer " + i;
                String tag = "t" + i;
                results.add(CompletableFuture.supplyAsync(
                        () -> api.putMe("racer", ProfileApi.profile(name, true, tag), etag), pool));
            }
        }
        List<Integer> statuses =
                results.stream().map(r -> r.join().status()).sorted().toList();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "exactly one edit wins: " + statuses);
        assertEquals(
                writers - 1,
                statuses.stream().filter(s -> s == 412).count(),
                "the others are told they were stale: " + statuses);
        Map<String, Object> me = creator.getMe("racer").json();
        assertEquals(2L, ((Number) me.get("version")).longValue());
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) me.get("tags");
        assertEquals(1, tags.size());
        assertEquals(
                "racer " + tags.getFirst().substring(1),
                ((String) me.get("name")).toLowerCase(),
                "name and tags come from the same (winning) edit");
        // the winner's single tag item exists, the losers' never did, and the old ones are gone
        String profileId = (String) me.get("id");
        for (String tag : List.of("a", "b", "t0", "t1", "t2", "t3", "t4", "t5")) {
            var items = aws.dynamoDb()
                    .query(q -> q.tableName(aws.physicalName("ProfilesTable"))
                            .keyConditionExpression("PK = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.tagPk("main", tag)))))
                    .items();
            assertEquals(tag.equals(tags.getFirst()) ? 1 : 0, items.size(), "tag items of " + tag);
            items.forEach(item -> assertEquals(profileId, item.get("profileId").s()));
        }
    }

    @Test
    void creatingTwiceWithoutEtagIsRefusedRatherThanOverwriting(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        assertEquals(
                201,
                api.putMe("twice", ProfileApi.profile("First", false), null).status());
        assertEquals(
                428,
                api.putMe("twice", ProfileApi.profile("Second", false), null).status());
        assertEquals("First", api.getMe("twice").json().get("name"));
    }

    @Test
    void invalidFieldsAreAllNamedInOneMessage(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        ProfileApi.Response response = api.putMe("validator", """
                {"name":"   ","website":"javascript:alert(1)","bio":"%s",
                 "tags":["ok","%s","has#hash",""]}""".formatted("x".repeat(2001), "t".repeat(41)), null);
        assertEquals(400, response.status());
        assertEquals("invalid_profile", response.errorCode());
        String message = response.errorMessage();
        for (String expected : List.of(
                "name: required",
                "website: must be an http:// or https://",
                "bio: 2001 characters; at most 2000",
                "at most 40",
                "may contain only letters",
                "empty tag")) {
            assertTrue(message.contains(expected), "'" + expected + "' in: " + message);
        }
        assertEquals(404, api.getMe("validator").status(), "nothing was written");
    }

    /** A client that escapes every character (JSON allows it) must still fit the largest valid profile. */
    @Test
    void theLargestValidProfileFitsEvenWithEveryCharacterEscaped(LocalAws aws) {
        String emoji = "\\ud83d\\ude00"; // one character, 12 bytes as escapes
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            tags.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(String.valueOf((char) ('a' + i)).repeat(2))
                    .append("\\u00e9".repeat(38))
                    .append('"');
        }
        String body = "{\"name\":\"" + emoji.repeat(100) + "\",\"organisation\":\"" + emoji.repeat(120)
                + "\",\"location\":\"" + emoji.repeat(120) + "\",\"website\":\"https://a.org/" + emoji.repeat(286)
                + "\",\"bio\":\"" + emoji.repeat(2000) + "\",\"email\":\"a@b.org" + emoji.repeat(247)
                + "\",\"tags\":[" + tags + "],\"visible\":true}";
        ProfileApi.Response created = new ProfileApi(aws).putMe("largest", body, null);
        assertEquals(201, created.status(), created.body());
        assertTrue(body.length() > 32 * 1024, "the escaped body is " + body.length() + " bytes");
    }

    /** RFC 9110: {@code *} matches whatever is there, a list matches when it holds the current ETag. */
    @Test
    void ifMatchStarOrAListHoldingTheCurrentEtagUpdatesAsRfc9110Says(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        assertEquals(
                412,
                api.putMe("rfc", ProfileApi.profile("Ada", true), "*").status(),
                "no profile yet: * has nothing to match");
        assertEquals(404, api.getMe("rfc").status());
        assertEquals(
                201, api.putMe("rfc", ProfileApi.profile("Ada", true), null).status());

        ProfileApi.Response star = api.putMe("rfc", ProfileApi.profile("Ada L", true), "*");
        assertEquals(200, star.status(), star.body());
        assertEquals("\"2\"", star.etag());
        ProfileApi.Response list = api.putMe("rfc", ProfileApi.profile("Ada Lo", true), "\"1\", \"2\", \"7\"");
        assertEquals(200, list.status(), list.body());
        ProfileApi.Response noneCurrent = api.putMe("rfc", ProfileApi.profile("Ada Lov", true), "\"1\", \"2\"");
        assertEquals(412, noneCurrent.status(), noneCurrent.body());
        assertTrue(noneCurrent.errorMessage().contains("\"3\""), noneCurrent.errorMessage());
        assertEquals("Ada Lo", api.getMe("rfc").json().get("name"));
    }

    /** Half a surrogate pair used to reach the table and come back as "conflict, send it again", for ever. */
    @Test
    void halfASurrogatePairIsA400NotARetryForEver(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        ProfileApi.Response created = api.putMe("surrogate", "{\"name\":\"Ada \\ud83d\"}", null);
        assertEquals(400, created.status(), created.body());
        assertEquals("invalid_profile", created.errorCode());
        assertTrue(
                created.errorMessage().startsWith("name: contains half of a UTF-16 surrogate pair"),
                created.errorMessage());
        assertEquals(404, api.getMe("surrogate").status(), "nothing was written");

        String etag = api.putMe("surrogate", ProfileApi.profile("Ada", true, "java"), null)
                .etag();
        ProfileApi.Response updated =
                api.putMe("surrogate", "{\"name\":\"Ada\",\"bio\":\"\\udc00\",\"tags\":[\"java\"]}", etag);
        assertEquals(400, updated.status(), updated.body());
        assertTrue(updated.errorMessage().startsWith("bio: contains half"), updated.errorMessage());
        assertEquals(etag, api.getMe("surrogate").etag(), "the profile is unchanged");
    }

    /** The largest transaction an edit makes: 20 tag items deleted, 20 written, 40 counts moved, the profile. */
    @Test
    void renamingAndSwappingAllTwentyTagsIsOneTransactionThatFits(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        String[] before = new String[20];
        String[] after = new String[20];
        for (int i = 0; i < 20; i++) {
            before[i] = "old" + i;
            after[i] = "new" + i;
        }
        String etag = api.putMe("swapper", ProfileApi.profile("Before Name", true, before), null)
                .etag();
        dev.roster.junit.SdkCalls.reset();
        ProfileApi.Response swapped = api.putMe("swapper", ProfileApi.profile("After Name", true, after), etag);
        assertEquals(200, swapped.status(), swapped.body());
        assertEquals(
                List.of("DynamoDb:GetItem", "DynamoDb:GetItem", "DynamoDb:TransactWriteItems"),
                dev.roster.junit.SdkCalls.recorded(),
                "owner pointer, profile, one transaction");
        String table = aws.physicalName("ProfilesTable");
        for (int i = 0; i < 20; i++) {
            String oldTag = before[i];
            String newTag = after[i];
            assertEquals(
                    0,
                    aws.dynamoDb()
                            .query(q -> q.tableName(table)
                                    .keyConditionExpression("PK = :pk")
                                    .expressionAttributeValues(
                                            Map.of(":pk", AttributeValue.fromS(Keys.tagPk("main", oldTag)))))
                            .count());
            var items = aws.dynamoDb()
                    .query(q -> q.tableName(table)
                            .keyConditionExpression("PK = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.tagPk("main", newTag)))))
                    .items();
            assertEquals(1, items.size());
            assertEquals("After Name", items.getFirst().get("name").s());
            assertTrue(items.getFirst().get(Keys.SK).s().startsWith("after name#"));
        }
    }

    @Test
    void moreThanTwentyTagsAreRefused(LocalAws aws) {
        String[] tags = new String[21];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = "tag" + i;
        }
        ProfileApi.Response response =
                new ProfileApi(aws).putMe("tagger", ProfileApi.profile("Tagger", true, tags), null);
        assertEquals(400, response.status());
        assertTrue(response.errorMessage().contains("at most 20 tags, got 21"), response.errorMessage());
    }

    @Test
    void malformedBodiesAreFourHundredsThatSayWhatIsWrong(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        Map<String, String> cases = Map.of(
                "{\"name\":\"A\"", "not valid JSON",
                "[1,2]", "must be a JSON object",
                "{\"name\":\"A\"} {}", "content after the JSON object",
                "{\"name\":42}", "field 'name' must be a string",
                "{\"name\":\"A\",\"visible\":\"yes\"}", "field 'visible' must be true or false",
                "{\"name\":\"A\",\"tags\":\"java\"}", "field 'tags' must be an array of strings",
                "{\"name\":\"A\",\"id\":\"someone\"}", "unknown field 'id'",
                "{\"name\":\"A\",\"name\":\"B\"}", "not valid JSON",
                "", "the body is empty");
        cases.forEach((body, expected) -> {
            ProfileApi.Response response = api.putMe("malformed", body, null);
            assertEquals(400, response.status(), body);
            assertTrue(response.errorMessage().contains(expected), body + " -> " + response.errorMessage());
            assertFalse(response.body().contains("Exception"), "no exception names leak: " + response.body());
        });
    }

    @Test
    void anOversizedBodyIs413(LocalAws aws) {
        ProfileApi.Response response = new ProfileApi(aws)
                .putMe("big", "{\"name\":\"" + "a".repeat(OwnProfileRoutes.MAX_PROFILE_BODY_BYTES) + "\"}", null);
        assertEquals(413, response.status());
        assertTrue(response.errorMessage().contains("at most " + OwnProfileRoutes.MAX_PROFILE_BODY_BYTES + " bytes"));
    }
}
