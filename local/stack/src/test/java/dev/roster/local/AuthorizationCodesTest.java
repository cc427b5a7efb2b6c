package dev.roster.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The local issuer's authorization-code flow with PKCE, as the web client's OIDC mode uses it. */
class AuthorizationCodesTest {
    private static final String ORIGIN = "http://127.0.0.1:3000";
    private static final String VERIFIER = "a-verifier-of-at-least-forty-three-characters-0123456789";

    private final LocalIssuer issuer = new LocalIssuer(ORIGIN + "/local", "roster-local", Clock.systemUTC());
    private final AuthorizationCodes codes = new AuthorizationCodes(issuer, ORIGIN, Clock.systemUTC());
    private final JwtAuthorizer authorizer = new JwtAuthorizer(
            new HttpApiDefinition.JwtConfiguration(issuer.issuer(), List.of("roster-local")),
            issuer.publicKeys(),
            Clock.systemUTC());

    private static Map<String, String> authorizationRequest() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", "roster-local");
        params.put("redirect_uri", ORIGIN + "/");
        params.put("scope", "openid profile email");
        params.put("state", "st4te");
        params.put("nonce", "n0nce");
        params.put("code_challenge", AuthorizationCodes.s256(VERIFIER));
        params.put("code_challenge_method", "S256");
        return params;
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static IncomingRequest get(Map<String, String> params) {
        return new IncomingRequest(
                "GET", "/local/authorize", encode(params), Map.of(), new byte[0], "127.0.0.1", "HTTP/1.1");
    }

    private static IncomingRequest post(Map<String, String> params) {
        return new IncomingRequest(
                "POST",
                "/local/authorize",
                "",
                Map.of(),
                encode(params).getBytes(StandardCharsets.UTF_8),
                "127.0.0.1",
                "HTTP/1.1");
    }

    /** Signs in as Ada through the form; returns the code from the redirect. */
    private String signIn(Map<String, String> request) {
        Map<String, String> form = new LinkedHashMap<>(request);
        form.put("name", "Ada Lovelace");
        form.put("email", "Ada@Example.org");
        FrontDoor.Response redirect = codes.authorize(post(form));
        assertEquals(302, redirect.status());
        String location = redirect.headers().get("location");
        assertTrue(location.startsWith(ORIGIN + "/?code="), location);
        assertTrue(location.endsWith("&state=st4te"), location);
        return AuthorizationCodes.form(location.substring(location.indexOf('?') + 1))
                .get("code");
    }

    private static Map<String, String> exchangeOf(String code, String verifier) {
        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", code);
        exchange.put("client_id", "roster-local");
        exchange.put("redirect_uri", ORIGIN + "/");
        exchange.put("code_verifier", verifier);
        return exchange;
    }

    @Test
    void codeAndVerifierGiveAnIdTokenTheApisAuthorizerAccepts() throws Exception {
        FrontDoor.Response page = codes.authorize(get(authorizationRequest()));
        assertEquals(200, page.status());
        assertTrue(new String(page.body(), StandardCharsets.UTF_8).contains("<label for=\"email\">"));

        FrontDoor.Response tokens = codes.exchange(exchangeOf(signIn(authorizationRequest()), VERIFIER));

        assertEquals(200, tokens.status());
        String idToken = String.valueOf(JSON.std
                .mapFrom(new String(tokens.body(), StandardCharsets.UTF_8))
                .get("id_token"));
        var allowed = assertInstanceOf(JwtAuthorizer.Allowed.class, authorizer.authorize("Bearer " + idToken));
        assertEquals("local-ada@example.org", allowed.claims().get("sub"));
        assertEquals("n0nce", allowed.claims().get("nonce"));
        assertEquals("Ada Lovelace", allowed.claims().get("name"));
    }

    @Test
    void wrongVerifierIsAnInvalidGrant() throws Exception {
        FrontDoor.Response tokens = codes.exchange(exchangeOf(signIn(authorizationRequest()), VERIFIER + "x"));
        assertEquals(400, tokens.status());
        assertEquals(
                "invalid_grant",
                JSON.std
                        .mapFrom(new String(tokens.body(), StandardCharsets.UTF_8))
                        .get("error"));
    }

    @Test
    void codeWorksOnce() {
        String code = signIn(authorizationRequest());
        assertEquals(200, codes.exchange(exchangeOf(code, VERIFIER)).status());
        assertEquals(400, codes.exchange(exchangeOf(code, VERIFIER)).status());
    }

    @Test
    void redirectElsewhereUnknownClientAndMissingPkceAreRefused() {
        Map<String, String> elsewhere = authorizationRequest();
        elsewhere.put("redirect_uri", "https://evil.example/");
        assertEquals(400, codes.authorize(get(elsewhere)).status());
        Map<String, String> stranger = authorizationRequest();
        stranger.put("client_id", "someone-else");
        assertEquals(400, codes.authorize(get(stranger)).status());
        Map<String, String> plain = authorizationRequest();
        plain.put("code_challenge_method", "plain");
        assertEquals(400, codes.authorize(post(plain)).status());
    }
}
