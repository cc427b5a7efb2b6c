package dev.roster.list;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.json.Json;
import dev.roster.core.profile.ProfileId;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.table.Claims;
import dev.roster.core.table.ProfileTable;
import dev.roster.emulator.LocalAws;
import dev.roster.core.http.ApiEvents;
import dev.roster.junit.WithLocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every read route, scanned: no response another member can get ever holds an e-mail address, an owner's
 * subject, when a claimed import was claimed (or that it was), or anything of a hidden profile (its id, name or
 * a tag only hidden profiles carry). Contact details
 * appear only on the page (and vCard) of a visible profile whose owner chose to show them, never in a list,
 * a tag count or a search.
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
            String body = Json.write(Map.of("name", name, "organisation", "Acme", "email", email, "visible", !hidden,
                    "tags", tags, "bio", "bio of " + name, "contactEmail", contactEmail,
                    "contactPhone", phone.substring(0, 3) + " " + phone.substring(3), "showContact", showContact));
            Community.Member member = community.join(sub, body);
            (hidden ? hiddenIds : visibleIds).add(member.id());
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
    }

    /**
     * A visible profile an import made, claimed by its member and not yet checked by them: when and that it was
     * claimed is theirs alone.
     */
    private static void claimedImport(LocalAws aws) {
        String table = aws.physicalName("ProfilesTable");
        String id = ProfileId.newProfileId();
        String email = "imported@private.example";
        ProfileInput input = ProfileInput.fromJson(Json.parseObject(Json.write(Map.of("name", "Imported Member",
                "email", email, "visible", true, "tags", List.of("shared")))));
        new ProfileTable(aws.dynamoDb(), table, "main").createImported("LEAK-1", id, input);
        new Claims(aws.dynamoDb(), table, "main", Clock.systemUTC()).offer(email, id);
        String sub = "subject-claimer-7f3c";
        APIGatewayV2HTTPResponse me = community.profiles.handle(ApiEvents.route("GET /me").as(sub)
                .verifiedEmail(email).stream());
        @SuppressWarnings("unchecked")
        Map<String, Object> claimed = (Map<String, Object>) Json.parseTrusted(me.getBody()).get("claimed");
        assertEquals(false, claimed.get("reviewed"), me.getBody());
        visibleIds.add(id);
        secrets.add(sub);
        secrets.add(email);
        secrets.add((String) claimed.get("at"));
    }

    @Test
    void noReadRouteShowsEmailsOwnersOrHiddenProfiles() {
        List<String> bodies = new ArrayList<>();
        List<String> listBodies = new ArrayList<>();
        for (String query : List.of("limit=5", "limit=5&tag=shared", "limit=5&tag=only-hidden", "limit=5&q=hiddenperson",
                "limit=5&q=private.example", "limit=5&q=subject")) {
            String cursor = null;
            do {
                Community.Page page = community.page(query + (cursor == null ? "" : "&cursor=" + cursor));
                assertEquals(200, page.status(), page.body());
                bodies.add(page.body());
                listBodies.add(page.body());
                for (Map<String, Object> card : page.items()) {
                    assertTrue(Set.of("id", "name", "organisation", "location", "tags", "photo", "avatar").containsAll(card.keySet()),
                            "a card holds card fields only: " + card.keySet());
                }
                cursor = page.next();
            } while (cursor != null);
        }
        assertEquals(Set.copyOf(visibleIds), Set.copyOf(community.walk("limit=5")), "every visible profile, no hidden one");
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
        assertEquals(Map.of("shared", (long) visibleIds.size()), community.tagCounts(), "tag counts count visible profiles only");

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
                APIGatewayV2HTTPResponse hidden = community.profiles.handle(
                        ApiEvents.route(route).as("reader").pathParameter("id", id).stream());
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
                assertFalse(body.toLowerCase(java.util.Locale.ROOT).contains(secret.toLowerCase(java.util.Locale.ROOT)),
                        "a response holds '" + secret + "': " + body);
            }
            for (String field : List.of("\"email\"", "\"ownerSub\"", "\"pendingUploadId\"", "\"version\"", "\"photoRejection\"",
                    "\"claimed\"", "claimedAt", "claimReviewPending")) {
                assertFalse(body.contains(field), field + " in " + body);
            }
        }
        System.out.println("scanned " + bodies.size() + " responses for " + secrets.size() + " private values");
    }
}
