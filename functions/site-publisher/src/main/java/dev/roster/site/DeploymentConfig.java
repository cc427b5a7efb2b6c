package dev.roster.site;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deployment's {@code config.json}: where the web client finds the API (a path on its own origin) and how
 * it signs members in (OIDC authorization code with PKCE, as a public client). Made from the stack's values,
 * so nobody writes it by hand.
 *
 * @param authorizationEndpoint empty: the client discovers it from the issuer (an external provider)
 */
public record DeploymentConfig(
        String apiBase,
        String issuer,
        String clientId,
        String authorizationEndpoint,
        String tokenEndpoint,
        String logoutEndpoint) {
    static final String SCOPE = "openid profile email";

    static DeploymentConfig from(Map<String, Object> properties) {
        return new DeploymentConfig(
                SiteRequest.text(properties, "ApiBase"),
                SiteRequest.text(properties, "Issuer"),
                SiteRequest.text(properties, "ClientId"),
                SiteRequest.text(properties, "AuthorizationEndpoint"),
                SiteRequest.text(properties, "TokenEndpoint"),
                SiteRequest.text(properties, "LogoutEndpoint"));
    }

    void validate() {
        if (!apiBase.startsWith("/")) {
            throw new SiteRequest.Invalid(
                    "ApiBase must be the API's path on the site's origin (/api), not \"" + apiBase + "\"");
        }
        if (!issuer.startsWith("https://")) {
            throw new SiteRequest.Invalid("the issuer must be an https:// URL, not \"" + issuer
                    + "\": with IdentityProvider=external set JwtIssuer");
        }
        if (clientId.isBlank()) {
            throw new SiteRequest.Invalid(
                    "the client id is empty: with IdentityProvider=external set JwtAudience to the"
                            + " web client's client id");
        }
        if (authorizationEndpoint.isBlank() != tokenEndpoint.isBlank()) {
            throw new SiteRequest.Invalid(
                    "AuthorizationEndpoint and TokenEndpoint come together (or neither, to discover"
                            + " them from the issuer)");
        }
    }

    /** The JSON object the web client reads at start. */
    public Map<String, Object> json() {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("mode", "oidc");
        auth.put("issuer", issuer);
        auth.put("clientId", clientId);
        auth.put("scope", SCOPE);
        if (!authorizationEndpoint.isBlank()) {
            auth.put("authorizationEndpoint", authorizationEndpoint);
            auth.put("tokenEndpoint", tokenEndpoint);
        }
        if (!logoutEndpoint.isBlank()) {
            auth.put("logoutEndpoint", logoutEndpoint);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiBase", apiBase);
        config.put("auth", auth);
        return config;
    }
}
