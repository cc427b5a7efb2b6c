package dev.roster.local;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local issuer as an OpenID Connect provider for a public client: the authorization-code flow with PKCE
 * that the web client runs against a deployment's provider ({@code "mode": "oidc"} in {@code config.json}),
 * so that path runs, and is tested, on one machine too. {@code GET /local/authorize} shows a sign-in form (any
 * name and e-mail will do); its {@code POST} redirects back with a one-time code; {@code POST /local/token}
 * with {@code grant_type=authorization_code} checks the code, the client, the redirect URI and the PKCE
 * verifier, and returns the ID token (audience: the client id; the client's nonce).
 */
final class AuthorizationCodes {
    static final Duration CODE_LIFETIME = Duration.ofMinutes(2);

    private record Grant(
            String clientId,
            String redirectUri,
            String challenge,
            String nonce,
            String subject,
            String name,
            String email,
            Instant expires) {}

    private final LocalIssuer issuer;
    private final String origin;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    /** @param origin the only origin redirect URIs may point at (the local stack's own) */
    AuthorizationCodes(LocalIssuer issuer, String origin, Clock clock) {
        this.issuer = issuer;
        this.origin = origin;
        this.clock = clock;
    }

    /** GET: the sign-in page for a valid authorization request; POST: the redirect back with a code. */
    FrontDoor.Response authorize(IncomingRequest request) {
        Map<String, String> params = request.method().equals("POST")
                ? form(new String(request.body(), StandardCharsets.UTF_8))
                : form(request.rawQuery());
        String problem = checkAuthorizationRequest(params);
        if (problem != null) {
            return html(400, "<h1>Cannot sign in</h1><p>" + escape(problem) + "</p>");
        }
        if (request.method().equals("GET")) {
            return html(200, signInPage(params, null));
        }
        String name = params.getOrDefault("name", "").strip();
        String email = params.getOrDefault("email", "").strip();
        if (name.isEmpty() || name.length() > 200 || !email.contains("@") || email.length() > 254) {
            return html(400, signInPage(params, "Enter your name and an e-mail address."));
        }
        String code = randomToken();
        codes.put(
                code,
                new Grant(
                        params.get("client_id"),
                        params.get("redirect_uri"),
                        params.get("code_challenge"),
                        params.get("nonce"),
                        subjectFor(email),
                        name,
                        email,
                        clock.instant().plus(CODE_LIFETIME)));
        String back = params.get("redirect_uri") + (params.get("redirect_uri").contains("?") ? "&" : "?") + "code="
                + encode(code) + (params.containsKey("state") ? "&state=" + encode(params.get("state")) : "");
        return new FrontDoor.Response(
                302,
                Map.of("location", back, "cache-control", "no-store"),
                new byte[0],
                "local issuer: signed in " + subjectFor(email));
    }

    /** {@code grant_type=authorization_code}: the ID token, or an OAuth error ({@code invalid_grant} …). */
    FrontDoor.Response exchange(Map<String, String> params) {
        if (!"authorization_code".equals(params.get("grant_type"))) {
            return oauthError("unsupported_grant_type", "only grant_type=authorization_code is supported");
        }
        Grant grant = codes.remove(params.getOrDefault("code", ""));
        if (grant == null || grant.expires().isBefore(clock.instant())) {
            return oauthError("invalid_grant", "the code is unknown, used or expired");
        }
        if (!grant.clientId().equals(params.get("client_id"))
                || !grant.redirectUri().equals(params.get("redirect_uri"))) {
            return oauthError("invalid_grant", "client_id and redirect_uri must be those of the authorization request");
        }
        String verifier = params.getOrDefault("code_verifier", "");
        if (!s256(verifier).equals(grant.challenge())) {
            return oauthError("invalid_grant", "code_verifier does not match the code_challenge");
        }
        LocalIssuer.DevToken token =
                issuer.issue(grant.subject(), grant.name(), grant.email(), grant.clientId(), grant.nonce());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id_token", token.token());
        body.put("access_token", token.token());
        body.put("token_type", "Bearer");
        body.put(
                "expires_in",
                Duration.between(clock.instant(), token.expiresAt()).toSeconds());
        return IssuerEndpoints.json(200, body);
    }

    /** The same subject the dev-token form derives from an e-mail address. */
    static String subjectFor(String email) {
        return "local-" + email.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._@+-]", "-");
    }

    private String checkAuthorizationRequest(Map<String, String> params) {
        if (!"code".equals(params.get("response_type"))) {
            return "response_type must be code";
        }
        if (!issuer.clientId().equals(params.get("client_id"))) {
            return "unknown client_id " + params.get("client_id") + "; the local issuer knows " + issuer.clientId();
        }
        String redirect = params.getOrDefault("redirect_uri", "");
        URI uri;
        try {
            uri = URI.create(redirect);
        } catch (IllegalArgumentException e) {
            return "redirect_uri is not a URI";
        }
        if (!redirect.startsWith(origin + "/") || uri.getFragment() != null) {
            return "redirect_uri must be a page of " + origin;
        }
        if (!"S256".equals(params.get("code_challenge_method"))
                || params.getOrDefault("code_challenge", "").length() < 43) {
            return "PKCE is required: code_challenge with code_challenge_method=S256";
        }
        return null;
    }

    private static String signInPage(Map<String, String> params, String error) {
        StringBuilder hidden = new StringBuilder();
        for (String name : new String[] {
            "response_type",
            "client_id",
            "redirect_uri",
            "scope",
            "state",
            "nonce",
            "code_challenge",
            "code_challenge_method"
        }) {
            if (params.containsKey(name)) {
                hidden.append("<input type=\"hidden\" name=\"")
                        .append(name)
                        .append("\" value=\"")
                        .append(escape(params.get(name)))
                        .append("\">");
            }
        }
        return "<h1>Sign in to roster</h1><p>Local issuer: any name and e-mail will do.</p>"
                + (error == null ? "" : "<p role=\"alert\">" + escape(error) + "</p>")
                + "<form method=\"post\" action=\"/local/authorize\">" + hidden
                + "<p><label for=\"name\">Name</label><br><input id=\"name\" name=\"name\" required autocomplete=\"name\""
                + " value=\"" + escape(params.getOrDefault("name", "")) + "\"></p>"
                + "<p><label for=\"email\">E-mail</label><br><input id=\"email\" name=\"email\" type=\"email\" required"
                + " autocomplete=\"email\" value=\"" + escape(params.getOrDefault("email", "")) + "\"></p>"
                + "<p><button type=\"submit\">Continue</button></p></form>";
    }

    private static FrontDoor.Response html(int status, String body) {
        String page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width, initial-scale=1\"><title>Sign in · roster (local)</title>"
                + "<link rel=\"icon\" href=\"data:,\"></head><body style=\"font-family:system-ui,sans-serif;"
                + "max-width:30rem;margin:2rem auto;padding:0 1rem\"><main>" + body + "</main></body></html>";
        return new FrontDoor.Response(
                status,
                Map.of("content-type", "text/html; charset=utf-8", "cache-control", "no-store"),
                page.getBytes(StandardCharsets.UTF_8),
                "local issuer");
    }

    private static FrontDoor.Response oauthError(String error, String description) {
        return IssuerEndpoints.json(400, Map.of("error", error, "error_description", description));
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                out.putIfAbsent(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
