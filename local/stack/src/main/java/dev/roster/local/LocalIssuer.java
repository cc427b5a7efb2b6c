package dev.roster.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local stand-in for the members' OIDC provider: an RSA key made for this run, published as a JWKS
 * under {@code <issuer>/.well-known/jwks.json} with a discovery document, and RS256 dev tokens for any
 * {@code sub} asked for. It exists only in the local stack; a deployment trusts the issuer in template.yaml.
 */
public final class LocalIssuer {
    static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    private final String issuer;
    private final String audience;
    private final RSAKey key;
    private final Clock clock;

    public LocalIssuer(String issuer, String audience, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
        try {
            this.key = new RSAKeyGenerator(2048)
                    .keyID("local-" + UUID.randomUUID().toString().substring(0, 8))
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the local issuer's RSA key", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** The one client id (audience) this issuer signs for: the template's JwtAudience locally. */
    public String clientId() {
        return audience;
    }

    /** The public keys, as a JWT authorizer fetches them from {@code jwks_uri}. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /** The signing key itself; tests use it to forge tokens that differ in one claim. */
    RSAKey signingKey() {
        return key;
    }

    /** Groups ({@code cognito:groups}) and {@code email_verified} (null: left out), as Cognito puts them in an ID token. */
    public record Membership(List<String> groups, Boolean emailVerified) {
        public static final Membership NONE = new Membership(List.of(), null);

        public Membership {
            groups = List.copyOf(groups);
        }
    }

    /** A signed token for this member, valid for {@link #TOKEN_LIFETIME}. */
    public DevToken issue(String subject, String name, String email) {
        return issue(subject, name, email, Membership.NONE);
    }

    public DevToken issue(String subject, String name, String email, Membership membership) {
        return issue(subject, name, email, audience, null, membership);
    }

    /** An ID token for {@code clientId} (the audience), echoing the client's {@code nonce}. */
    public DevToken issue(String subject, String name, String email, String clientId, String nonce) {
        return issue(subject, name, email, clientId, nonce, Membership.NONE);
    }

    public DevToken issue(
            String subject, String name, String email, String clientId, String nonce, Membership membership) {
        Instant now = clock.instant();
        Instant expires = now.plus(TOKEN_LIFETIME);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(clientId)
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim("token_use", "id");
        if (name != null) {
            claims.claim("name", name);
        }
        if (email != null) {
            claims.claim("email", email);
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        if (!membership.groups().isEmpty()) {
            claims.claim("cognito:groups", membership.groups());
        }
        if (membership.emailVerified() != null) {
            claims.claim("email_verified", membership.emailVerified());
        }
        return new DevToken(sign(claims.build()), expires);
    }

    String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
        return jwt.serialize();
    }

    /** {@code <issuer>/.well-known/openid-configuration}, enough for a client or gateway to find the keys. */
    public Map<String, Object> discoveryDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/.well-known/jwks.json");
        document.put("authorization_endpoint", issuer + "/authorize");
        document.put("token_endpoint", issuer + "/token");
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("subject_types_supported", List.of("public"));
        document.put("response_types_supported", List.of("code"));
        document.put("grant_types_supported", List.of("authorization_code"));
        document.put("code_challenge_methods_supported", List.of("S256"));
        document.put("token_endpoint_auth_methods_supported", List.of("none"));
        document.put("scopes_supported", List.of("openid", "profile", "email"));
        return document;
    }

    public record DevToken(String token, Instant expiresAt) {}
}
