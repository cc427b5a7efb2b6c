package dev.roster.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.Env;
import dev.roster.core.http.ApiEvents;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.SdkCalls;
import dev.roster.junit.WithLocalAws;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a member group set, a valid token of someone outside it is refused before the one Query. */
@WithLocalAws
class MembershipGateTest {
    @Test
    void aNonMemberGets403OnBothRoutesAndNoQueryRuns(LocalAws aws) {
        ListProfilesHandler list = new ListProfilesHandler(
                new Env(aws.functionEnvironment(
                        "ListProfilesFunction",
                        Map.of("CURSOR_SECRET", "membership-gate-secret-membership-gate", "MEMBER_GROUP", "members"))),
                dev.roster.core.aws.AwsClients.dynamoDb(),
                Clock.systemUTC());
        for (String route : List.of("GET /profiles", "GET /tags")) {
            SdkCalls.reset();
            APIGatewayV2HTTPResponse refused =
                    list.handle(ApiEvents.route(route).as("visitor").claim("cognito:groups", "[visitors]").stream());
            assertEquals(403, refused.getStatusCode(), route);
            assertTrue(refused.getBody().contains("\"not_a_member\""), refused.getBody());
            assertEquals(List.of(), SdkCalls.recorded(), route + " reached DynamoDB");

            APIGatewayV2HTTPResponse served = list.handle(
                    ApiEvents.route(route).as("insider").claim("cognito:groups", "[members roster-admins]").stream());
            assertEquals(200, served.getStatusCode(), route + ": " + served.getBody());
        }
    }
}
