package dev.roster.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.http.ApiEvents;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.SdkCalls;
import dev.roster.junit.WithLocalAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a member group set, a valid token of someone outside it is refused on every route before any AWS call. */
@WithLocalAws
class MembershipGateTest {
    private static final List<String> ROUTES = List.of(
            "GET /profiles/{id}",
            "GET /me",
            "PUT /me",
            "POST /me/photo",
            "DELETE /me/photo",
            "PUT /me/photo/focal-point",
            "DELETE /me",
            "GET /me/export",
            "POST /profiles/{id}/report",
            "GET /admin/reports",
            "GET /admin/audit",
            "PUT /admin/profiles/{id}/visibility",
            "DELETE /admin/profiles/{id}/photo",
            "POST /admin/reports/{id}/resolve");

    @Test
    void aNonMemberGets403OnEveryRouteAndTouchesNoTable(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws, Map.of("MEMBER_GROUP", "members"));
        for (String route : ROUTES) {
            SdkCalls.reset();
            ProfileApi.Response response = api.send(ApiEvents.route(route)
                    .as("visitor")
                    .claim("cognito:groups", "[visitors]")
                    .pathParameter("id", "AAAAAAAA")
                    .body("{}"));
            assertEquals(403, response.status(), route + ": " + response.body());
            assertEquals("not_a_member", response.errorCode(), route);
            assertTrue(response.errorMessage().contains("members"), response.errorMessage());
            assertEquals(List.of(), SdkCalls.recorded(), route + " reached AWS");
        }
    }

    @Test
    void aMemberOfTheGroupIsServed(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws, Map.of("MEMBER_GROUP", "members"));
        ProfileApi.Response me =
                api.send(ApiEvents.route("GET /me").as("insider").claim("cognito:groups", "[members]"));
        assertEquals(404, me.status(), "a member without a profile yet: " + me.body());
    }
}
