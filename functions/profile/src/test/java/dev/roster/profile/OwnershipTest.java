package dev.roster.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.http.ApiEvents;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only a profile's owner (its JWT subject) can change it, and hidden profiles are seen by their owner only. */
@WithLocalAws
class OwnershipTest {
    @Test
    void anotherMembersPutOnlyEverTouchesTheirOwnProfile(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        ProfileApi.Response alice = api.putMe("alice", ProfileApi.profile("Alice", true, "x"), null);
        String aliceId = (String) alice.json().get("id");

        // Mallory knows Alice's id and ETag; no request field can carry them to a write
        ProfileApi.Response withId =
                api.putMe("mallory", "{\"name\":\"Hacked\",\"id\":\"" + aliceId + "\"}", alice.etag());
        assertEquals(400, withId.status());
        ProfileApi.Response withEtag = api.putMe("mallory", ProfileApi.profile("Hacked", true), alice.etag());
        assertEquals(412, withEtag.status(), "Mallory has no profile, so Alice's ETag matches nothing of hers");
        ProfileApi.Response own = api.putMe("mallory", ProfileApi.profile("Mallory", true), null);
        assertEquals(201, own.status());
        assertNotEquals(aliceId, own.json().get("id"));

        assertEquals("Alice", api.getMe("alice").json().get("name"));
        assertEquals("\"1\"", api.getMe("alice").etag(), "Alice's profile was never written again");
    }

    @Test
    void aPublicProfileShowsCardWebsiteAndBioButNothingPrivate(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        String id = (String) api.putMe("bob", """
                {"name":"Bob","website":"https://bob.example","bio":"Hi","email":"bob@example.org","visible":true}""", null).json().get("id");
        ProfileApi.Response seen = api.getProfile("someone-else", id);
        assertEquals(200, seen.status());
        Map<String, Object> body = seen.json();
        assertEquals("https://bob.example", body.get("website"));
        assertEquals("Hi", body.get("bio"));
        for (String secret : new String[] {
            "email", "ownerSub", "visible", "photoStatus", "photoRejection", "version", "pendingUploadId"
        }) {
            assertFalse(body.containsKey(secret), secret + " must not be public");
        }
        assertFalse(seen.body().contains("bob@example.org"));
        assertFalse(seen.body().contains("\"bob\""), "the owner's subject never appears");
    }

    @Test
    void aHiddenProfileIsNotFoundExceptByItsOwner(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        ProfileApi.Response hidden = api.putMe("carol", ProfileApi.profile("Carol", false), null);
        String id = (String) hidden.json().get("id");
        assertEquals(404, api.getProfile("dave", id).status());
        assertEquals(200, api.getProfile("carol", id).status());
        assertEquals(404, api.getProfile("dave", "nope").status(), "a malformed id is simply not found");
        assertEquals(404, api.getProfile("dave", "AAAAAAAA").status());
        api.putMe("carol", ProfileApi.profile("Carol", true), hidden.etag());
        assertEquals(200, api.getProfile("dave", id).status(), "visible now");
    }

    @Test
    void aRequestWithoutAVerifiedSubjectIsRefused(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        var event = ApiEvents.route("GET /me").as(""); // no verified subject
        ProfileApi.Response response = api.send(event);
        assertEquals(401, response.status());
        assertNull(response.headers().get("etag"));
    }

    @Test
    void anUploadUrlIsOnlyEverForTheCallersOwnProfile(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        String erinId = (String)
                api.putMe("erin", ProfileApi.profile("Erin", true), null).json().get("id");
        String trudyId = (String) api.putMe("trudy", ProfileApi.profile("Trudy", true), null)
                .json()
                .get("id");

        ProfileApi.Response naming = api.send(ApiEvents.route("POST /me/photo")
                .as("trudy")
                .body("{\"contentType\":\"image/jpeg\",\"contentLength\":1000,\"profileId\":\"" + erinId + "\"}"));
        assertEquals(400, naming.status(), "no request field can name another profile: " + naming.body());

        ProfileApi.Response own = api.send(ApiEvents.route("POST /me/photo")
                .as("trudy")
                .body("{\"contentType\":\"image/jpeg\",\"contentLength\":1000}"));
        assertEquals(201, own.status(), own.body());
        String url = (String) own.json().get("url");
        assertTrue(url.contains("/uploads/" + trudyId + "/"), url);
        assertFalse(url.contains(erinId), url);
        assertNull(api.getMe("erin").json().get("pendingUploadId"), "Erin's profile waits for nothing");
        assertEquals("\"1\"", api.getMe("erin").etag(), "Erin's profile was never written again");
    }
}
