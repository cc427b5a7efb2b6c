package dev.roster.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.Map;
import java.util.Optional;

/**
 * Who is calling, as the JWT authorizer verified it: the subject, and the token's e-mail address with whether the
 * issuer verified it. Nothing the client sends besides the token says who it is.
 */
public record Caller(String sub, String email, boolean emailVerified) {
    public static Caller of(APIGatewayV2HTTPEvent event) {
        String sub = HttpRequests.callerSub(event);
        Map<String, String> claims = event.getRequestContext().getAuthorizer().getJwt().getClaims();
        return new Caller(sub, claims.getOrDefault("email", ""), "true".equalsIgnoreCase(claims.get("email_verified")));
    }

    /** The address, only when the issuer says it belongs to the caller (claiming an imported profile needs that). */
    public Optional<String> verifiedEmail() {
        return emailVerified && email != null && !email.isBlank() ? Optional.of(email) : Optional.empty();
    }
}
