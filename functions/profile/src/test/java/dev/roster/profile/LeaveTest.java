package dev.roster.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.roster.core.http.ApiEvents;
import dev.roster.core.table.Keys;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code DELETE /me} erases a member; {@code DELETE /me/photo} deletes the photo's objects, not only its URLs. */
@WithLocalAws
class LeaveTest {
    private LocalAws aws;
    private Members members;

    @BeforeEach
    void setUp(LocalAws aws) {
        this.aws = aws;
        members = new Members(aws);
    }

    @Test
    void leavingErasesEveryItemObjectAndRecordOfTheMemberAndASecondCallIsA404() {
        String id = members.join("leaver", "Lea Leaver", "java", "go");
        members.uploadPhoto("leaver", 7);
        String other = members.join("stayer", "Stan Stayer", "java");
        // the leaver filed a report, and someone reported the leaver
        assertEquals(202, report("leaver", other).status());
        assertEquals(202, report("stayer", id).status());
        assertFalse(members.objects("PhotosBucket", "photos/" + id + "/").isEmpty());
        assertFalse(members.objects("UploadsBucket", "originals/" + id + "/").isEmpty());
        String etag = members.api.getMe("leaver").etag();

        ProfileApi.Response noIfMatch = leave("leaver", null);
        ProfileApi.Response stale = leave("leaver", "\"1\"");
        ProfileApi.Response left = leave("leaver", etag);

        assertEquals(428, noIfMatch.status(), noIfMatch.body());
        assertEquals(412, stale.status(), stale.body());
        assertEquals(204, left.status(), left.body());
        assertEquals(404, members.api.getMe("leaver").status());
        assertEquals(404, members.api.getProfile("stayer", id).status());
        assertEquals(List.of(), itemsMentioning(id, "leaver"), "no item of the table names the profile or the member");
        assertEquals(0, tagCount("go"), "the tag counts forget the profile");
        assertEquals(1, tagCount("java"), "and keep the others");
        assertEquals(List.of(), members.objects("PhotosBucket", "photos/" + id + "/"));
        assertEquals(List.of(), members.objects("UploadsBucket", "originals/" + id + "/"));
        assertEquals(List.of(), members.objects("UploadsBucket", "uploads/" + id + "/"));
        assertEquals(404, leave("leaver", etag).status(), "idempotent: the second call finds nothing to delete");
        assertEquals(
                201,
                members.api
                        .putMe("leaver", ProfileApi.profile("Lea Again", true), null)
                        .status(),
                "a member who left is a stranger: they may join again, afresh");
    }

    @Test
    void anErasureStoppedAfterItsTransactionIsFinishedByTheNextCall() {
        String id = members.join("interrupted", "Ivy Interrupted", "rust");
        members.uploadPhoto("interrupted", 11);
        // as if the function died right after the transaction: the marker is there, the objects still are
        aws.dynamoDb()
                .transactWriteItems(b -> b.transactItems(
                        t -> t.delete(d -> d.tableName(table()).key(key(Keys.profilePk("main", id), Keys.PROFILE_SK))),
                        t -> t.delete(
                                d -> d.tableName(table()).key(key(Keys.ownerPk("main", "interrupted"), Keys.OWNER_SK))),
                        t -> t.put(p -> p.tableName(table())
                                .item(Map.of(
                                        Keys.PK,
                                        AttributeValue.fromS(Keys.ownerPk("main", "interrupted")),
                                        Keys.SK,
                                        AttributeValue.fromS(Keys.ERASING_SK),
                                        "profileId",
                                        AttributeValue.fromS(id))))));

        assertEquals(204, leave("interrupted", "\"whatever\"").status());

        assertEquals(List.of(), members.objects("PhotosBucket", "photos/" + id + "/"));
        assertEquals(List.of(), members.objects("UploadsBucket", "originals/" + id + "/"));
        assertEquals(404, leave("interrupted", "\"whatever\"").status());
    }

    @Test
    void deletingThePhotoDeletesItsCropsAndOriginal() {
        String id = members.join("photographer", "Pat Photographer", "art");
        members.uploadPhoto("photographer", 3);
        assertEquals(
                5,
                members.objects("PhotosBucket", "photos/" + id + "/").size(),
                "four crops and the whole-photo preview");
        assertEquals(
                1, members.objects("UploadsBucket", "originals/" + id + "/").size());

        assertEquals(204, members.api.deletePhoto("photographer").status());

        assertEquals(List.of(), members.objects("PhotosBucket", "photos/" + id + "/"));
        assertEquals(List.of(), members.objects("UploadsBucket", "originals/" + id + "/"));
        assertEquals("NONE", members.api.getMe("photographer").json().get("photoStatus"));
    }

    private ProfileApi.Response leave(String sub, String ifMatch) {
        ApiEvents request = ApiEvents.route("DELETE /me").as(sub);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return members.api.send(request);
    }

    private ProfileApi.Response report(String sub, String profileId) {
        return members.api.send(ApiEvents.route("POST /profiles/{id}/report")
                .as(sub)
                .pathParameter("id", profileId)
                .body("{\"reason\":\"testing reports\"}"));
    }

    /** Every item whose keys or values carry the profile id or the subject (a Scan: tests only). */
    private List<Map<String, AttributeValue>> itemsMentioning(String profileId, String sub) {
        return aws.dynamoDb().scan(b -> b.tableName(table())).items().stream()
                .filter(item -> item.toString().contains(profileId)
                        || item.values().stream().anyMatch(v -> sub.equals(v.s()))
                        || item.get(Keys.PK).s().endsWith("#U#" + sub))
                .toList();
    }

    private long tagCount(String tag) {
        Map<String, AttributeValue> item = aws.dynamoDb()
                .getItem(b -> b.tableName(table())
                        .key(key(Keys.tagCountsPk("main"), tag))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty()
                ? 0
                : Long.parseLong(item.get("count").n());
    }

    private String table() {
        return aws.physicalName("ProfilesTable");
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(Keys.PK, AttributeValue.fromS(pk), Keys.SK, AttributeValue.fromS(sk));
    }
}
