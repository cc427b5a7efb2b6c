package dev.roster.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.http.ApiEvents;
import dev.roster.core.json.Json;
import dev.roster.core.profile.ProfileId;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.table.Claims;
import dev.roster.core.table.ProfileTable;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every read route, scanned: no response another member can get ever holds an e-mail address, an owner's
 * subject, when a claimed import was claimed (or that it was), or anything of a hidden profile (its id, name or
 * a tag only hidden profiles carry). Contact details
 * appear only on the page (and vCard) of a visible profile whose owner chose to show them, never in a list,
 * a tag count or a search. Reports and the audit log are never visible to members: a report's reason only to
 * the member who filed it (their export), an admin's reason only to the owner of the profile it is about (their
 * profile and export), an admin's subject to nobody. Every GET route of the API is scanned.
 */
@WithLocalAws
class NothingLeaksTest {
    private static final int VISIBLE = 13;
    private static final int HIDDEN = 4;
    private static Community community;
    private static final List<String> visibleIds = new ArrayList<>();
    private static final List<String> hiddenIds = new ArrayList<>();
    private static final List<String> secrets = new ArrayList<>();
    // shown on their owner's page only: never in what lists and search return
    private static final List<String> shownContacts = new ArrayList<>();
    // what each member may read of their own: everything else private is someone else's
    private static final Map<String, Set<String>> ownValues = new java.util.LinkedHashMap<>();
    private static final Map<String, String> reported = new java.util.LinkedHashMap<>(); // reporter → profile id
    private static final String ADMIN = "subject-admin-5e1d";
    private static final String ADMIN_GROUP = "roster-admins";
    // routes anyone signed in reads about others, routes about the caller, and admin routes (403 for members)
    private static final List<String> PUBLIC_ROUTES =
            List.of("GET /profiles", "GET /tags", "GET /profiles/{id}", "GET /profiles/{id}/vcard");
    private static final List<String> OWN_ROUTES = List.of("GET /me", "GET /me/export");
    private static final List<String> ADMIN_ROUTES = List.of("GET /admin/reports", "GET /admin/audit");

    @BeforeAll
    static void communityWithPrivateData(LocalAws aws) {
        community = new Community(aws);
        for (int i = 0; i < VISIBLE + HIDDEN; i++) {
            boolean hidden = i >= VISIBLE;
            String sub = "subject-" + (hidden ? "h" : "v") + i + "-7f3c";
            String email = "person" + i + "@private.example";
            String name = hidden ? "Hiddenperson " + i : "Member " + i;
            List<String> tags = hidden ? List.of("shared", "only-hidden") : List.of("shared");
            boolean showContact = !hidden && i % 2 == 0;
            String contactEmail = (showContact ? "shown" : "kept") + i + "@contact.example";
            String phone = "+4420794600" + String.format("%02d", i);
            String body = Json.write(Map.of(
                    "name",
                    name,
                    "organisation",
                    "Acme",
                    "email",
                    email,
                    "visible",
                    !hidden,
                    "tags",
                    tags,
                    "bio",
                    "bio of " + name,
                    "contactEmail",
                    contactEmail,
                    "contactPhone",
                    phone.substring(0, 3) + " " + phone.substring(3),
                    "showContact",
                    showContact));
            Community.Member member = community.join(sub, body);
            (hidden ? hiddenIds : visibleIds).add(member.id());
            ownValues.put(
                    sub,
                    new java.util.HashSet<>(
                            hidden
                                    ? Set.of(sub, email, contactEmail, phone, member.id(), name, "only-hidden")
                                    : Set.of(sub, email, contactEmail, phone, member.id())));
            secrets.add(sub);
            secrets.add(email);
            (showContact ? shownContacts : secrets).add(contactEmail);
            (showContact ? shownContacts : secrets).add(phone);
            if (hidden) {
                secrets.add(member.id());
                secrets.add(name);
                secrets.add("only-hidden");
            }
            // the data exists: the owner sees their e-mail, so a scan that finds nothing means something
            APIGatewayV2HTTPResponse me = community.profiles.handle(ApiEvents.route("GET /me").as(sub).stream());
            assertTrue(me.getBody().contains(email), me.getBody());
        }
        claimedImport(aws);
        moderation();
    }

    /**
     * Four members report the next visible profile, each with a reason of their own; an admin resolves the first
     * report and hides a profile (its owner had hidden it already), each with a reason. Reasons and the admin's
     * subject join the secrets every public route is scanned for; each reporter may read their own reason, each
     * profile's owner the admin's reasons about it.
     */
    private static void moderation() {
        List<String> reporters = new ArrayList<>(ownValues.keySet()).subList(0, 4);
        for (int i = 0; i < reporters.size(); i++) {
            String reason = "reportreason-" + i + "-q9z";
            APIGatewayV2HTTPResponse filed = community.profiles.handle(ApiEvents.route("POST /profiles/{id}/report")
                    .as(reporters.get(i))
                    .pathParameter("id", visibleIds.get(i + 1))
                    .body(Json.write(Map.of("reason", reason)))
                    .stream());
            assertEquals(202, filed.getStatusCode(), filed.getBody());
            secrets.add(reason);
            ownValues.get(reporters.get(i)).add(reason);
            reported.put(reporters.get(i), visibleIds.get(i + 1));
        }
        APIGatewayV2HTTPResponse open =
                community.profiles.handle(ApiEvents.route("GET /admin/reports").as(ADMIN).groups(ADMIN_GROUP).stream());
        assertEquals(200, open.getStatusCode(), open.getBody());
        @SuppressWarnings("unchecked")
        String reportId = ((List<Map<String, Object>>)
                        Json.parseTrusted(open.getBody()).get("reports"))
                .stream()
                        .filter(report -> visibleIds.get(1).equals(report.get("profileId")))
                        .findFirst()
                        .orElseThrow()
                        .get("id")
                        .toString();
        String resolution = "resolvenote-q9z";
        APIGatewayV2HTTPResponse resolved =
                community.profiles.handle(ApiEvents.route("POST /admin/reports/{id}/resolve")
                        .as(ADMIN)
                        .groups(ADMIN_GROUP)
                        .pathParameter("id", reportId)
                        .body(Json.write(Map.of("reason", resolution)))
                        .stream());
        assertEquals(200, resolved.getStatusCode(), resolved.getBody());
        String hiding = "auditreason-hide-q9z";
        APIGatewayV2HTTPResponse hid = community.profiles.handle(ApiEvents.route("PUT /admin/profiles/{id}/visibility")
                .as(ADMIN)
                .groups(ADMIN_GROUP)
                .pathParameter("id", hiddenIds.getFirst())
                .body(Json.write(Map.of("visible", false, "reason", hiding)))
                .stream());
        assertEquals(200, hid.getStatusCode(), hid.getBody());
        secrets.addAll(List.of(resolution, hiding, ADMIN));
        ownerOf(visibleIds.get(1)).add(resolution);
        ownerOf(hiddenIds.getFirst()).add(hiding);
        // the data exists: the admin reads it, so a scan that finds nothing means something
        APIGatewayV2HTTPResponse audit =
                community.profiles.handle(ApiEvents.route("GET /admin/audit").as(ADMIN).groups(ADMIN_GROUP).stream());
        assertTrue(audit.getBody().contains(hiding) && audit.getBody().contains(resolution), audit.getBody());
    }

    private static Set<String> ownerOf(String profileId) {
        return ownValues.values().stream()
                .filter(values -> values.contains(profileId))
                .findFirst()
                .orElseThrow();
    }

    /**
     * A visible profile an import made, claimed by its member and not yet checked by them: when and that it was
     * claimed is theirs alone.
     */
    private static void claimedImport(LocalAws aws) {
        String table = aws.physicalName("ProfilesTable");
        String id = ProfileId.newProfileId();
        String email = "imported@private.example";
        ProfileInput input = ProfileInput.fromJson(Json.parseObject(Json.write(
                Map.of("name", "Imported Member", "email", email, "visible", true, "tags", List.of("shared")))));
        new ProfileTable(aws.dynamoDb(), table, "main").createImported("LEAK-1", id, input);
        new Claims(aws.dynamoDb(), table, "main", Clock.systemUTC()).offer(email, id);
        String sub = "subject-claimer-7f3c";
        APIGatewayV2HTTPResponse me =
                community.profiles.handle(ApiEvents.route("GET /me").as(sub).verifiedEmail(email).stream());
        @SuppressWarnings("unchecked")
        Map<String, Object> claimed =
                (Map<String, Object>) Json.parseTrusted(me.getBody()).get("claimed");
        assertEquals(false, claimed.get("reviewed"), me.getBody());
        visibleIds.add(id);
        secrets.add(sub);
        secrets.add(email);
        secrets.add((String) claimed.get("at"));
        ownValues.put(sub, new java.util.HashSet<>(Set.of(sub, email, id, (String) claimed.get("at"))));
    }

    @Test
    void noReadRouteShowsEmailsOwnersOrHiddenProfiles() {
        List<String> bodies = new ArrayList<>();
        List<String> listBodies = new ArrayList<>();
        for (String query : List.of(
                "limit=5",
                "limit=5&tag=shared",
                "limit=5&tag=only-hidden",
                "limit=5&q=hiddenperson",
                "limit=5&q=private.example",
                "limit=5&q=subject")) {
            String cursor = null;
            do {
                Community.Page page = community.page(query + (cursor == null ? "" : "&cursor=" + cursor));
                assertEquals(200, page.status(), page.body());
                bodies.add(page.body());
                listBodies.add(page.body());
                for (Map<String, Object> card : page.items()) {
                    assertTrue(
                            Set.of("id", "name", "organisation", "location", "tags", "photo", "avatar")
                                    .containsAll(card.keySet()),
                            "a card holds card fields only: " + card.keySet());
                }
                cursor = page.next();
            } while (cursor != null);
        }
        assertEquals(
                Set.copyOf(visibleIds), Set.copyOf(community.walk("limit=5")), "every visible profile, no hidden one");
        assertEquals(Set.copyOf(visibleIds), Set.copyOf(community.walk("limit=4&tag=shared")));
        assertEquals(List.of(), community.walk("tag=only-hidden"));

        APIGatewayV2HTTPResponse tags = community.list.handle(ApiEvents.route("GET /tags").as("reader").stream());
        bodies.add(tags.getBody());
        listBodies.add(tags.getBody());
        for (String query : List.of("q=contact.example", "q=shown0", "q=%2B44207", "q=4420794600")) {
            Community.Page page = community.page(query);
            assertEquals(List.of(), page.items(), "contact details are not searched: " + query);
            listBodies.add(page.body());
        }
        assertEquals(
                Map.of("shared", (long) visibleIds.size()),
                community.tagCounts(),
                "tag counts count visible profiles only");

        int pagesWithContact = 0;
        for (String id : visibleIds) {
            APIGatewayV2HTTPResponse seen = community.profiles.handle(
                    ApiEvents.route("GET /profiles/{id}").as("reader").pathParameter("id", id).stream());
            assertEquals(200, seen.getStatusCode());
            bodies.add(seen.getBody());
            pagesWithContact += seen.getBody().contains("@contact.example") ? 1 : 0;
            APIGatewayV2HTTPResponse vcard = community.profiles.handle(
                    ApiEvents.route("GET /profiles/{id}/vcard").as("reader").pathParameter("id", id).stream());
            assertEquals(200, vcard.getStatusCode());
            bodies.add(vcard.getBody());
        }
        assertEquals((VISIBLE + 1) / 2, pagesWithContact, "the scan sees the contacts members chose to show");
        for (String id : hiddenIds) {
            for (String route : List.of("GET /profiles/{id}", "GET /profiles/{id}/vcard")) {
                APIGatewayV2HTTPResponse hidden =
                        community.profiles.handle(ApiEvents.route(route).as("reader").pathParameter("id", id).stream());
                assertEquals(404, hidden.getStatusCode(), "a hidden profile is not found by others");
                assertFalse(hidden.getBody().contains("Hiddenperson"), hidden.getBody());
                assertFalse(hidden.getBody().contains("@contact.example"), hidden.getBody());
            }
        }
        for (String body : listBodies) {
            for (String contact : shownContacts) {
                assertFalse(body.contains(contact), "a list or search holds the contact '" + contact + "': " + body);
            }
        }

        for (String body : bodies) {
            for (String secret : secrets) {
                assertFalse(
                        body.toLowerCase(java.util.Locale.ROOT).contains(secret.toLowerCase(java.util.Locale.ROOT)),
                        "a response holds '" + secret + "': " + body);
            }
            for (String field : List.of(
                    "\"email\"",
                    "\"ownerSub\"",
                    "\"pendingUploadId\"",
                    "\"version\"",
                    "\"photoRejection\"",
                    "\"claimed\"",
                    "claimedAt",
                    "claimReviewPending")) {
                assertFalse(body.contains(field), field + " in " + body);
            }
        }
        System.out.println("scanned " + bodies.size() + " responses for " + secrets.size() + " private values");
    }

    @Test
    void whatAMemberReadsOfTheirOwnHoldsNothingPrivateOfAnyoneElseNorAnyReportOrAuditEntry() {
        int scanned = 0;
        for (Map.Entry<String, Set<String>> member : ownValues.entrySet()) {
            String sub = member.getKey();
            List<String> forbidden = secrets.stream()
                    .filter(secret -> !member.getValue().contains(secret))
                    .toList();
            for (String route : OWN_ROUTES) {
                APIGatewayV2HTTPResponse own = community.profiles.handle(ApiEvents.route(route).as(sub).stream());
                assertEquals(200, own.getStatusCode(), route + " " + own.getBody());
                assertHoldsNone(forbidden, route + " as " + sub, own.getBody());
                scanned++;
            }
            for (String route : ADMIN_ROUTES) {
                APIGatewayV2HTTPResponse refused = community.profiles.handle(ApiEvents.route(route).as(sub).stream());
                assertEquals(403, refused.getStatusCode(), route + " as a member: " + refused.getBody());
                assertHoldsNone(secrets, route + " as " + sub, refused.getBody());
                scanned++;
            }
            if (reported.containsKey(sub)) {
                // filing the same report again answers with its id, nothing of anyone's reports
                APIGatewayV2HTTPResponse again = community.profiles.handle(ApiEvents.route("POST /profiles/{id}/report")
                        .as(sub)
                        .pathParameter("id", reported.get(sub))
                        .body("{\"reason\":\"again\"}")
                        .stream());
                assertEquals(202, again.getStatusCode(), again.getBody());
                assertHoldsNone(secrets, "POST /profiles/{id}/report as " + sub, again.getBody());
                scanned++;
            }
        }
        // the data is there: a reporter's export holds their own open report's reason, the hidden owner sees why
        String secondReporter = new ArrayList<>(reported.keySet()).get(1);
        assertTrue(community
                .profiles
                .handle(ApiEvents.route("GET /me/export").as(secondReporter).stream())
                .getBody()
                .contains("reportreason-1-q9z"));
        String hiddenOwner = ownValues.entrySet().stream()
                .filter(e -> e.getValue().contains(hiddenIds.getFirst()))
                .findFirst()
                .orElseThrow()
                .getKey();
        assertTrue(community
                .profiles
                .handle(ApiEvents.route("GET /me").as(hiddenOwner).stream())
                .getBody()
                .contains("auditreason-hide-q9z"));
        System.out.println("scanned " + scanned + " responses of members about themselves");
    }

    @Test
    void everyGetRouteOfTheApiIsScannedHere(LocalAws aws) {
        Set<String> routes = new java.util.TreeSet<>();
        for (Object function :
                aws.template().resourcesOfType("AWS::Serverless::Function").values()) {
            Object events = dev.roster.emulator.SamTemplate.properties(dev.roster.emulator.SamTemplate.asMap(function))
                    .get("Events");
            if (events == null) {
                continue;
            }
            for (Object event : dev.roster.emulator.SamTemplate.asMap(events).values()) {
                Map<String, Object> declared = dev.roster.emulator.SamTemplate.asMap(event);
                Map<String, Object> properties = dev.roster.emulator.SamTemplate.asMap(declared.get("Properties"));
                if ("HttpApi".equals(declared.get("Type")) && "GET".equals(properties.get("Method"))) {
                    routes.add("GET " + properties.get("Path"));
                }
            }
        }
        Set<String> scanned = new java.util.TreeSet<>(PUBLIC_ROUTES);
        scanned.addAll(OWN_ROUTES);
        scanned.addAll(ADMIN_ROUTES);
        assertEquals(routes, scanned, "a GET route a member can call is scanned by this class");
    }

    private static void assertHoldsNone(List<String> secrets, String what, String body) {
        String lower = body.toLowerCase(java.util.Locale.ROOT);
        for (String secret : secrets) {
            assertFalse(
                    lower.contains(secret.toLowerCase(java.util.Locale.ROOT)),
                    what + " holds '" + secret + "': " + body);
        }
    }
}
