package dev.roster.core.http;

import dev.roster.core.Env;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who may use the API: a caller whose verified token names the member group (or any signed-in user of the
 * issuer when no member group is set), and among them the admins. Read from one group claim of the token
 * ({@code cognito:groups} for the stack's own user pool, or a claim an external provider fills); never from
 * anything else the client sends. Every API route admits its caller here before it touches the table.
 *
 * @param memberGroup empty: every signed-in user of the issuer is a member
 * @param adminGroup  the group whose members are admins (an admin is a member too)
 * @param groupClaim  the claim that lists the caller's groups
 */
public record Membership(String memberGroup, String adminGroup, String groupClaim) {
    public static final String MEMBER_GROUP = "MEMBER_GROUP";
    public static final String ADMIN_GROUP = "ADMIN_GROUP";
    public static final String GROUP_CLAIM = "GROUP_CLAIM";
    public static final String DEFAULT_ADMIN_GROUP = "roster-admins";
    public static final String DEFAULT_GROUP_CLAIM = "cognito:groups";

    /** Anyone the authorizer let through is a member: for handlers built without an environment. */
    public static final Membership ANY_SIGNED_IN_USER = new Membership("", DEFAULT_ADMIN_GROUP, DEFAULT_GROUP_CLAIM);

    public Membership {
        memberGroup = memberGroup == null ? "" : memberGroup.trim();
        adminGroup = adminGroup == null || adminGroup.isBlank() ? DEFAULT_ADMIN_GROUP : adminGroup.trim();
        groupClaim = groupClaim == null || groupClaim.isBlank() ? DEFAULT_GROUP_CLAIM : groupClaim.trim();
    }

    /** From the function's environment ({@code MEMBER_GROUP}, {@code ADMIN_GROUP}, {@code GROUP_CLAIM}; template.yaml sets them). */
    public static Membership from(Env env) {
        return new Membership(
                env.optional(MEMBER_GROUP, ""),
                env.optional(ADMIN_GROUP, DEFAULT_ADMIN_GROUP),
                env.optional(GROUP_CLAIM, DEFAULT_GROUP_CLAIM));
    }

    /**
     * The member calling, from the claims the JWT authorizer verified; {@code caller.isAdmin()} tells an admin.
     *
     * @throws ApiException 401 without a verified subject, 403 when the token is valid but its holder is not a
     *                      member of this directory
     */
    public Caller admit(Map<String, String> claims) {
        String sub = claims.get("sub");
        if (sub == null || sub.isBlank()) {
            throw new ApiException(401, "unauthenticated", "sign in: the request carries no verified token subject");
        }
        Set<String> groups = groups(claims.get(groupClaim));
        boolean admin = groups.contains(adminGroup);
        if (!memberGroup.isEmpty() && !groups.contains(memberGroup) && !admin) {
            throw new ApiException(
                    403,
                    "not_a_member",
                    "you are signed in, but not a member of this directory: ask an" + " admin to add you to the group "
                            + memberGroup);
        }
        return new Caller(
                sub,
                claims.getOrDefault("email", ""),
                "true".equalsIgnoreCase(claims.get("email_verified")),
                groups,
                admin);
    }

    /** Claims as the authorizer passes on those of a member with this {@code sub} (in the member group, if any). */
    public Map<String, String> memberClaims(String sub) {
        return memberGroup.isEmpty() ? Map.of("sub", sub) : Map.of("sub", sub, groupClaim, "[" + memberGroup + "]");
    }

    /**
     * The groups in a claim as the HTTP API passes it on: API Gateway renders a JSON array claim as
     * {@code [a b]} (space-separated in brackets); a JSON array text, a comma-separated or a single value
     * are read too. Group names with spaces cannot be told apart in the bracketed form: keep names to one word.
     */
    static Set<String> groups(String claim) {
        Set<String> groups = new LinkedHashSet<>();
        if (claim == null || claim.isBlank()) {
            return groups;
        }
        String text = claim.trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        for (String part : text.split("[\\s,]+")) {
            String group = part.strip();
            if (group.length() >= 2 && group.startsWith("\"") && group.endsWith("\"")) {
                group = group.substring(1, group.length() - 1);
            }
            if (!group.isEmpty()) {
                groups.add(group);
            }
        }
        return groups;
    }
}
