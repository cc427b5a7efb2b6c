package dev.roster.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.Env;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MembershipTest {
    private static final Membership MEMBERS_GROUP = new Membership("members", "roster-admins", "cognito:groups");

    @Test
    void withoutAMemberGroupEverySignedInUserIsAMemberAndNoneIsAnAdminByDefault() {
        Caller member = Membership.ANY_SIGNED_IN_USER.admit(Map.of("sub", "ada"));
        assertEquals("ada", member.sub());
        assertFalse(member.isAdmin());
        assertEquals(Set.of(), member.groups());
    }

    @Test
    void aValidTokenOutsideTheMemberGroupIs403SayingWhatToDo() {
        ApiException refused = assertThrows(
                ApiException.class,
                () -> MEMBERS_GROUP.admit(Map.of("sub", "mallory", "cognito:groups", "[visitors]")));
        assertEquals(403, refused.error().status());
        assertEquals("not_a_member", refused.error().code());
        assertTrue(
                refused.error().message().contains("group members"),
                refused.error().message());
        assertEquals(
                403,
                assertThrows(ApiException.class, () -> MEMBERS_GROUP.admit(Map.of("sub", "mallory")))
                        .error()
                        .status());
    }

    @Test
    void noVerifiedSubjectIs401() {
        assertEquals(
                401,
                assertThrows(
                                ApiException.class,
                                () -> MEMBERS_GROUP.admit(
                                        ApiRequest.of(Map.of()).claims()))
                        .error()
                        .status());
    }

    @Test
    void groupsAreReadInTheFormApiGatewayPassesArrayClaimsOn() {
        // HTTP API renders a JSON array claim as [a b]
        assertTrue(MEMBERS_GROUP
                .admit(Map.of("sub", "ada", "cognito:groups", "[roster-admins members]"))
                .isAdmin());
        assertEquals(Set.of("members", "x"), Membership.groups("[\"members\",\"x\"]"));
        assertEquals(Set.of("members", "x"), Membership.groups("members, x"));
        assertEquals(Set.of("members"), Membership.groups("members"));
        assertEquals(Set.of(), Membership.groups("[]"));
    }

    @Test
    void anAdminIsAMemberEvenOutsideTheMemberGroup() {
        Caller admin = MEMBERS_GROUP.admit(Map.of("sub", "grace", "cognito:groups", "[roster-admins]"));
        assertTrue(admin.isAdmin());
    }

    @Test
    void anExternalProvidersClaimIsReadByTheNameConfigured() {
        Membership slack =
                Membership.from(new Env(Map.of("MEMBER_GROUP", "T0123", "GROUP_CLAIM", "https://slack.com/team_id")));
        assertEquals(
                "ada",
                slack.admit(Map.of("sub", "ada", "https://slack.com/team_id", "T0123"))
                        .sub());
        assertEquals(
                403,
                assertThrows(
                                ApiException.class,
                                () -> slack.admit(Map.of("sub", "eve", "https://slack.com/team_id", "T9999")))
                        .error()
                        .status());
        // the group claim of another provider means nothing here
        assertEquals(
                403,
                assertThrows(ApiException.class, () -> slack.admit(Map.of("sub", "eve", "cognito:groups", "[T0123]")))
                        .error()
                        .status());
    }

    @Test
    void theCallerCarriesTheVerifiedEmailOnlyWhenTheIssuerVerifiedIt() {
        Caller verified = MEMBERS_GROUP.admit(Map.of(
                "sub", "ada", "cognito:groups", "[members]", "email", "ada@example.org", "email_verified", "true"));
        assertEquals(java.util.Optional.of("ada@example.org"), verified.verifiedEmail());
        Caller unverified = MEMBERS_GROUP.admit(Map.of(
                "sub", "ada", "cognito:groups", "[members]", "email", "ada@example.org", "email_verified", "false"));
        assertEquals(java.util.Optional.empty(), unverified.verifiedEmail());
    }

    @Test
    void memberClaimsAreAdmitted() {
        assertEquals("p", MEMBERS_GROUP.admit(MEMBERS_GROUP.memberClaims("p")).sub());
        assertEquals(Map.of("sub", "p"), Membership.ANY_SIGNED_IN_USER.memberClaims("p"));
    }
}
