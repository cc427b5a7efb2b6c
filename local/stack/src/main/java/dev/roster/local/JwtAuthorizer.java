package dev.roster.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks an HTTP API JWT authorizer makes, in its order: a token in the {@code Authorization} header
 * (bare or after {@code Bearer}); an RSA signature by a key of the issuer's JWKS, found by {@code kid};
 * {@code iss} equal to the configured issuer; {@code aud} (or {@code client_id} when there is no
 * {@code aud}) one of the configured audiences; {@code exp} in the future; {@code nbf} and {@code iat} not
 * in the future. A request that fails gets API Gateway's {@code 401 {"message":"Unauthorized"}} and a
 * {@code www-authenticate} header saying which check failed. A request that passes carries the token's
 * claims (as strings, the way the payload 2.0 event carries them) and scopes to the function.
 */
public final class JwtAuthorizer {
    private static final Set<JWSAlgorithm> RSA_ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

    private final HttpApiDefinition.JwtConfiguration configuration;
    private final JWKSet keys;
    private final Clock clock;

    public JwtAuthorizer(HttpApiDefinition.JwtConfiguration configuration, JWKSet keys, Clock clock) {
        this.configuration = configuration;
        this.keys = keys;
        this.clock = clock;
    }

    public sealed interface Decision permits Allowed, Denied {}

    /** Claims as payload 2.0 puts them in {@code requestContext.authorizer.jwt}; scopes null when the token has none. */
    public record Allowed(Map<String, String> claims, List<String> scopes) implements Decision {}

    /** {@code description} is what follows {@code error_description=} in {@code www-authenticate}; null: no token. */
    public record Denied(String description) implements Decision {
        public String wwwAuthenticate() {
            return description == null
                    ? "Bearer"
                    : "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + description.replace("\"", "'")
                            + "\"";
        }
    }

    public Decision authorize(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return new Denied(null);
        }
        String token = authorizationHeader.trim();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).trim();
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Denied("the token is not a signed JWT: " + e.getMessage());
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!RSA_ALGORITHMS.contains(algorithm)) {
            return new Denied("signing method " + algorithm + " is invalid");
        }
        String kid = jwt.getHeader().getKeyID();
        JWK key = kid == null ? null : keys.getKeyByKeyId(kid);
        if (!(key instanceof RSAKey rsaKey)) {
            return new Denied("the token's kid " + kid + " matches no RSA key of the issuer");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(rsaKey))) {
                return new Denied("the token's signature is invalid");
            }
        } catch (JOSEException e) {
            return new Denied("the token's signature cannot be verified: " + e.getMessage());
        }
        if (!configuration.issuer().equals(claims.getIssuer())) {
            return new Denied("the token does not have a valid issuer");
        }
        if (!validAudience(claims)) {
            return new Denied("the token does not have a valid audience");
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null || !expires.toInstant().isAfter(now)) {
            return new Denied(expires == null ? "the token has no expiry" : "the token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().isAfter(now)) {
            return new Denied("the token is not valid yet");
        }
        Date issued = claims.getIssueTime();
        if (issued != null && issued.toInstant().isAfter(now)) {
            return new Denied("the token was issued in the future");
        }
        return new Allowed(asStrings(claims), scopes(claims));
    }

    private boolean validAudience(JWTClaimsSet claims) {
        List<String> audiences = claims.getAudience();
        if (audiences != null && !audiences.isEmpty()) {
            return audiences.stream().anyMatch(configuration.audiences()::contains);
        }
        Object clientId = claims.getClaim("client_id");
        return clientId != null && configuration.audiences().contains(clientId.toString());
    }

    /** Payload 2.0 hands every claim over as a string; arrays look like {@code [a b]}. */
    private static Map<String, String> asStrings(JWTClaimsSet claims) {
        Map<String, String> out = new LinkedHashMap<>();
        claims.toJSONObject().forEach((name, value) -> {
            if (value instanceof List<?> list) {
                out.put(
                        name,
                        "["
                                + String.join(
                                        " ", list.stream().map(String::valueOf).toList()) + "]");
            } else {
                out.put(name, String.valueOf(value));
            }
        });
        return out;
    }

    private static List<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (scope == null) {
            scope = claims.getClaim("scp");
        }
        if (scope == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (scope instanceof List<?> list) {
            list.forEach(s -> out.add(String.valueOf(s)));
        } else {
            for (String s : scope.toString().trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
