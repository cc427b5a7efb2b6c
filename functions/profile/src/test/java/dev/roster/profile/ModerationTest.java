package dev.roster.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.http.ApiEvents;
import dev.roster.core.table.Keys;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reports and the admin routes: members report, admins (the token's admin group) read the open reports, hide
 * and restore profiles, remove photos and resolve reports, every action audited; nobody else gets past a 403,
 * and nothing of it reaches what members read.
 */
@WithLocalAws
class ModerationTest {
    private static final List<String> ADMIN_ROUTES = List.of(
            "GET /admin/reports",
            "GET /admin/audit",
            "PUT /admin/profiles/{id}/visibility",
            "DELETE /admin/profiles/{id}/photo",
            "POST /admin/reports/{id}/resolve");

    private LocalAws aws;
    private Members members;

    @BeforeEach
    void setUp(LocalAws aws) {
        this.aws = aws;
        members = new Members(aws);
    }

    @Test
    void aMemberReportsOncePerProfileWithAReasonOfOneTo500Characters() {
        String target = members.join("troll", "Tom Troll", "x");

        ProfileApi.Response first = report("reporter", target, "spam links in the bio");
        ProfileApi.Response again = report("reporter", target, "still spam");
        ProfileApi.Response empty = report("reporter", target, "  ");
        ProfileApi.Response tooLong = report("reporter", target, "x".repeat(501));
        ProfileApi.Response nobody = report("reporter", "Nobody00", "who?");

        assertEquals(202, first.status(), first.body());
        assertEquals(202, again.status());
        assertEquals(
                first.json().get("reportId"), again.json().get("reportId"), "one open report per reporter and profile");
        assertEquals(400, empty.status());
        assertTrue(empty.errorMessage().contains("reason"), empty.errorMessage());
        assertEquals(400, tooLong.status());
        assertTrue(tooLong.errorMessage().contains("500"), tooLong.errorMessage());
        assertEquals(404, nobody.status());
        List<Map<String, Object>> open = reports(target);
        assertEquals(1, open.size(), open.toString());
        assertEquals("spam links in the bio", open.getFirst().get("reason"));
        assertEquals(target, open.getFirst().get("profileId"));
    }

    @Test
    void everyAdminRouteIsA403ForMembersAndReadsNothing() {
        String target = members.join("someone", "Sam Someone", "x");
        for (String route : ADMIN_ROUTES) {
            ApiEvents request = ApiEvents.route(route)
                    .as("member")
                    .claim("cognito:groups", "[members]")
                    .body("{\"visible\":false,\"reason\":\"x\"}");
            if (route.contains("{id}")) {
                request.pathParameter("id", route.contains("reports") ? target + ".AAAAAAAAAAAAAAAA" : target);
            }
            ProfileApi.Response response = members.api.send(request);
            assertEquals(403, response.status(), route + ": " + response.body());
        }
        assertEquals(true, members.api.getMe("someone").json().get("visible"), "nothing was changed");
    }

    @Test
    void anAdminHidesAProfileWhichStaysHiddenWhenItsOwnerSavesUntilRestoredAndEveryActionIsAudited() {
        String id = members.join("owner", "Olga Owner", "moderated");
        members.uploadPhoto("owner", 5);
        report("reader", id, "offensive photo");
        String reportId = (String) reports(id).getFirst().get("id");

        ProfileApi.Response hidden = members.asAdmin(ApiEvents.route("PUT /admin/profiles/{id}/visibility")
                .pathParameter("id", id)
                .body("{\"visible\":false,\"reason\":\"offensive photo, see report\"}"));
        assertEquals(200, hidden.status(), hidden.body());
        assertEquals(false, hidden.json().get("listed"));
        assertFalse(listed(id), "out of the directory");
        assertEquals(0, tagItems("moderated"), "and out of its tags");
        assertEquals(0, searchItems(id), "and out of the search index");
        assertEquals(404, members.api.getProfile("reader", id).status());
        Map<String, Object> me = members.api.getMe("owner").json();
        @SuppressWarnings("unchecked")
        Map<String, Object> why = (Map<String, Object>) me.get("hiddenByAdmin");
        assertEquals("offensive photo, see report", why.get("reason"), "the owner sees that it was hidden and why");
        assertEquals(true, me.get("visible"), "their own choice is kept");

        ProfileApi.Response saved = members.api.putMe(
                "owner",
                ProfileApi.profile("Olga Edited", true, "moderated"),
                members.api.getMe("owner").etag());
        assertEquals(200, saved.status(), saved.body());
        assertFalse(listed(id), "saving does not bring a hidden profile back");
        assertEquals(0, tagItems("moderated"));
        assertEquals(0, searchItems(id));

        ProfileApi.Response photoRemoved = members.asAdmin(ApiEvents.route("DELETE /admin/profiles/{id}/photo")
                .pathParameter("id", id)
                .body("{\"reason\":\"the photo itself\"}"));
        assertEquals(204, photoRemoved.status(), photoRemoved.body());
        assertEquals(List.of(), members.objects("PhotosBucket", "photos/" + id + "/"));
        assertEquals(List.of(), members.objects("UploadsBucket", "originals/" + id + "/"));

        ProfileApi.Response restored = members.asAdmin(ApiEvents.route("PUT /admin/profiles/{id}/visibility")
                .pathParameter("id", id)
                .body("{\"visible\":true,\"reason\":\"photo gone, profile fine\"}"));
        assertEquals(200, restored.status(), restored.body());
        assertTrue(listed(id), "listed again, as its owner wants");
        assertEquals(1, tagItems("moderated"));
        assertEquals(
                dev.roster.core.profile.SearchPhrases.of("Olga Edited", "", "")
                        .phrases()
                        .size(),
                searchItems(id),
                "found by search again, under its new name");
        assertEquals("Olga Edited", members.api.getProfile("reader", id).json().get("name"));
        assertNull(members.api.getMe("owner").json().get("hiddenByAdmin"));

        ProfileApi.Response resolved = members.asAdmin(ApiEvents.route("POST /admin/reports/{id}/resolve")
                .pathParameter("id", reportId)
                .body("{\"reason\":\"photo removed\"}"));
        assertEquals(200, resolved.status(), resolved.body());
        assertEquals(List.of(), reports(id), "no open report left");
        assertEquals(
                404,
                members.asAdmin(ApiEvents.route("POST /admin/reports/{id}/resolve")
                                .pathParameter("id", reportId)
                                .body("{\"reason\":\"again\"}"))
                        .status());

        List<Map<String, Object>> audit =
                audit().stream().filter(e -> id.equals(e.get("profileId"))).toList();
        assertEquals(
                List.of("RESOLVE_REPORT", "RESTORE_PROFILE", "REMOVE_PHOTO", "HIDE_PROFILE"),
                audit.stream().map(e -> e.get("action")).toList(),
                "newest first");
        for (Map<String, Object> entry : audit) {
            assertEquals("admin-sub", entry.get("admin"));
            assertEquals(id, entry.get("profileId"));
            assertNotNull(entry.get("at"));
            assertNotNull(entry.get("reason"));
        }

        Map<String, Object> ownerExport = export("owner");
        assertEquals(3, ((List<?>) ownerExport.get("moderation")).size(), "what admins did to their profile, and why");
        assertFalse(ownerExport.toString().contains("admin-sub"), "not who did it");
        Map<String, Object> readerExport = export("reader");
        assertEquals(1, ((List<?>) readerExport.get("reportsFiled")).size());
        assertEquals(
                "offensive photo", ((Map<?, ?>) ((List<?>) readerExport.get("reportsFiled")).getFirst()).get("reason"));
    }

    @Test
    void reportsAuditAndClaimPointersAreOnNoIndexAndCarryNoCard() {
        String id = members.join("quiet", "Quinn Quiet", "q");
        report("noisy", id, "a report nobody but admins may read");
        members.asAdmin(ApiEvents.route("PUT /admin/profiles/{id}/visibility")
                .pathParameter("id", id)
                .body("{\"visible\":false,\"reason\":\"audited reason\"}"));

        for (Map<String, AttributeValue> item : aws.dynamoDb()
                .scan(b -> b.tableName(aws.physicalName("ProfilesTable")))
                .items()) {
            String pk = item.get(Keys.PK).s();
            String sk = item.get(Keys.SK).s();
            boolean moderation = pk.endsWith("#REPORTS")
                    || pk.endsWith("#AUDIT")
                    || sk.startsWith("REPORT#")
                    || sk.startsWith("AUDIT#");
            if (moderation) {
                assertFalse(item.containsKey(Keys.GSI1PK), "on the directory index: " + item);
                assertFalse(pk.contains("#TAG#") || pk.endsWith("#DIR"), "in a list partition: " + item);
                assertFalse(item.containsKey("name"), "carries a card: " + item);
            }
        }
        // what members read of the hidden profile and of their own: no reason, no reporter
        assertEquals(404, members.api.getProfile("noisy", id).status());
        String noisyMe = members.api.getMe("noisy").body();
        assertFalse(noisyMe.contains("audited reason") || noisyMe.contains("nobody but admins"), noisyMe);
    }

    private ProfileApi.Response report(String sub, String profileId, String reason) {
        return members.api.send(ApiEvents.route("POST /profiles/{id}/report")
                .as(sub)
                .pathParameter("id", profileId)
                .body("{\"reason\":\"" + reason + "\"}"));
    }

    /** The open reports about one profile (other tests of the class file theirs in the same table). */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> reports(String profileId) {
        ProfileApi.Response page = members.asAdmin(ApiEvents.route("GET /admin/reports"));
        assertEquals(200, page.status(), page.body());
        return ((List<Map<String, Object>>) page.json().get("reports"))
                .stream()
                        .filter(report -> profileId.equals(report.get("profileId")))
                        .toList();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> audit() {
        ProfileApi.Response page = members.asAdmin(ApiEvents.route("GET /admin/audit"));
        assertEquals(200, page.status(), page.body());
        return (List<Map<String, Object>>) page.json().get("entries");
    }

    private Map<String, Object> export(String sub) {
        ProfileApi.Response export =
                members.api.send(ApiEvents.route("GET /me/export").as(sub));
        assertEquals(200, export.status(), export.body());
        return export.json();
    }

    private boolean listed(String profileId) {
        return aws
                .dynamoDb()
                .query(b -> b.tableName(aws.physicalName("ProfilesTable"))
                        .indexName(Keys.GSI1)
                        .keyConditionExpression("GSI1PK = :d")
                        .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(Keys.directoryPk("main")))))
                .items()
                .stream()
                .anyMatch(item -> profileId.equals(item.get("profileId").s()));
    }

    private int tagItems(String tag) {
        return aws.dynamoDb()
                .query(b -> b.tableName(aws.physicalName("ProfilesTable"))
                        .keyConditionExpression("PK = :t")
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(Keys.tagPk("main", tag)))))
                .count();
    }

    /** The profile's search index items (a Scan: tests only). */
    private int searchItems(String profileId) {
        return (int) aws.dynamoDb()
                .scan(b -> b.tableName(aws.physicalName("ProfilesTable"))
                        .filterExpression("begins_with(PK, :q) AND profileId = :id")
                        .expressionAttributeValues(Map.of(
                                ":q", AttributeValue.fromS("C#main#Q#"), ":id", AttributeValue.fromS(profileId))))
                .items()
                .size();
    }
}
