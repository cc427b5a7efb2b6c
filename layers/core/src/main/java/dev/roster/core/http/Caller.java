package dev.roster.core.http;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as the JWT authorizer verified it: the subject, the token's e-mail address with whether the
 * issuer verified it, and the caller's groups (from the group claim) with whether they make an admin. Nothing
 * the client sends besides the token says who it is. {@link Membership#admit} makes one, or refuses.
 */
public record Caller(String sub, String email, boolean emailVerified, Set<String> groups, boolean isAdmin) {
    public Caller {
        email = email == null ? "" : email;
        groups = Set.copyOf(groups);
    }

    /** The address, only when the issuer says it belongs to the caller (claiming an imported profile needs that). */
    public Optional<String> verifiedEmail() {
        return emailVerified && !email.isBlank() ? Optional.of(email) : Optional.empty();
    }
}
