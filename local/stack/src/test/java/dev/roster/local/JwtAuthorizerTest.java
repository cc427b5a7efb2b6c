package dev.roster.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks of an HTTP API JWT authorizer, one claim at a time, against tokens signed by the local issuer's key. */
class JwtAuthorizerTest {
    private static final String ISSUER = "http://127.0.0.1:3000/local";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final LocalIssuer issuer = new LocalIssuer(ISSUER, "roster-local", CLOCK);
    private final JwtAuthorizer authorizer = new JwtAuthorizer(
            new HttpApiDefinition.JwtConfiguration(ISSUER, List.of("roster-local", "other-client")),
            issuer.publicKeys(),
            CLOCK);

    private JWTClaimsSet.Builder valid() {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience("roster-local")
                .subject("ada")
                .issueTime(Date.from(NOW.minusSeconds(60)))
                .notBeforeTime(Date.from(NOW.minusSeconds(60)))
                .expirationTime(Date.from(NOW.plusSeconds(600)));
    }

    private String denial(String authorization) {
        return assertInstanceOf(JwtAuthorizer.Denied.class, authorizer.authorize(authorization))
                .description();
    }

    @Test
    void devTokenFromTheIssuerIsAcceptedWithItsClaimsAsStrings() {
        String token = issuer.issue("ada", "Ada Lovelace", "ada@example.org").token();

        var allowed = assertInstanceOf(JwtAuthorizer.Allowed.class, authorizer.authorize("Bearer " + token));

        assertEquals("ada", allowed.claims().get("sub"));
        assertEquals("Ada Lovelace", allowed.claims().get("name"));
        assertEquals("ada@example.org", allowed.claims().get("email"));
        assertEquals(ISSUER, allowed.claims().get("iss"));
        assertEquals(
                Long.toString(NOW.plus(LocalIssuer.TOKEN_LIFETIME).getEpochSecond()),
                allowed.claims().get("exp"));
        assertNull(allowed.scopes());
    }

    @Test
    void tokenWithoutTheBearerPrefixIsAcceptedAsApiGatewayDoes() {
        assertInstanceOf(JwtAuthorizer.Allowed.class, authorizer.authorize(issuer.sign(valid().build())));
    }

    @Test
    void missingHeaderIsDeniedWithAPlainBearerChallenge() {
        var denied = assertInstanceOf(JwtAuthorizer.Denied.class, authorizer.authorize(null));
        assertEquals("Bearer", denied.wwwAuthenticate());
        assertInstanceOf(JwtAuthorizer.Denied.class, authorizer.authorize("  "));
    }

    @Test
    void expiredTokenIsDenied() {
        assertEquals(
                "the token has expired",
                denial(issuer.sign(valid().expirationTime(Date.from(NOW)).build())));
    }

    @Test
    void tokenWithoutExpiryIsDenied() {
        assertEquals(
                "the token has no expiry",
                denial(issuer.sign(valid().expirationTime(null).build())));
    }

    @Test
    void tokenNotYetValidIsDenied() {
        assertEquals(
                "the token is not valid yet",
                denial(issuer.sign(
                        valid().notBeforeTime(Date.from(NOW.plusSeconds(30))).build())));
    }

    @Test
    void tokenIssuedInTheFutureIsDenied() {
        assertEquals(
                "the token was issued in the future",
                denial(issuer.sign(valid().issueTime(Date.from(NOW.plus(Duration.ofMinutes(5))))
                        .build())));
    }

    @Test
    void otherIssuerIsDenied() {
        assertEquals(
                "the token does not have a valid issuer",
                denial(issuer.sign(
                        valid().issuer("http://127.0.0.1:3000/elsewhere").build())));
    }

    @Test
    void otherAudienceIsDeniedAndAnyConfiguredAudienceIsAccepted() {
        assertEquals(
                "the token does not have a valid audience",
                denial(issuer.sign(valid().audience("someone-else").build())));
        assertInstanceOf(
                JwtAuthorizer.Allowed.class,
                authorizer.authorize(issuer.sign(
                        valid().audience(List.of("x", "other-client")).build())));
    }

    @Test
    void clientIdCountsOnlyWhenThereIsNoAudience() {
        assertInstanceOf(
                JwtAuthorizer.Allowed.class,
                authorizer.authorize(issuer.sign(valid().audience((String) null)
                        .claim("client_id", "roster-local")
                        .build())));
        assertEquals(
                "the token does not have a valid audience",
                denial(issuer.sign(valid().audience("wrong")
                        .claim("client_id", "roster-local")
                        .build())));
    }

    @Test
    void tamperedPayloadFailsTheSignatureCheck() {
        String[] parts = issuer.sign(valid().build()).split("\\.");
        String forged = issuer.sign(valid().subject("mallory").build()).split("\\.")[1];
        assertEquals("the token's signature is invalid", denial(parts[0] + "." + forged + "." + parts[2]));
    }

    @Test
    void tokenSignedByAnotherKeyWithTheSameKidIsDenied() throws Exception {
        RSAKey stranger =
                new RSAKeyGenerator(2048).keyID(issuer.signingKey().getKeyID()).generate();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(stranger.getKeyID())
                        .build(),
                valid().build());
        jwt.sign(new RSASSASigner(stranger));
        assertEquals("the token's signature is invalid", denial(jwt.serialize()));
    }

    @Test
    void unknownKidIsDenied() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("nope").build(), valid().build());
        jwt.sign(new RSASSASigner(issuer.signingKey()));
        assertEquals("the token's kid nope matches no RSA key of the issuer", denial(jwt.serialize()));
    }

    @Test
    void hmacSignedTokenIsDeniedBecauseOnlyRsaIsSupported() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(issuer.signingKey().getKeyID())
                        .build(),
                valid().build());
        jwt.sign(new MACSigner(new byte[32]));
        assertEquals("signing method HS256 is invalid", denial(jwt.serialize()));
    }

    @Test
    void garbageIsDeniedAsNotAJwt() {
        var denied = assertInstanceOf(JwtAuthorizer.Denied.class, authorizer.authorize("Bearer not-a-token"));
        assertEquals(true, denied.wwwAuthenticate().startsWith("Bearer scope=\"\" error=\"invalid_token\""));
    }

    @Test
    void scopesComeFromTheScopeClaim() {
        var allowed = assertInstanceOf(
                JwtAuthorizer.Allowed.class,
                authorizer.authorize(
                        issuer.sign(valid().claim("scope", "openid profile").build())));
        assertEquals(List.of("openid", "profile"), allowed.scopes());
    }
}
