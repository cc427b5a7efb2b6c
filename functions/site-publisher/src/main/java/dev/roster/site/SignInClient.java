package dev.roster.site;

import java.util.List;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

/**
 * Points the stack's sign-in client at the site: its callback and sign-out URL become the site's URL. The
 * template cannot say so itself (the API's authorizer names the client, the distribution names the API, so the
 * client cannot name the distribution); the publisher runs after all three exist.
 */
public final class SignInClient {
    private final CognitoIdentityProviderClient cognito;

    public SignInClient(CognitoIdentityProviderClient cognito) {
        this.cognito = cognito;
    }

    /** The URL the web client sends as its redirect URI: the site's root page. */
    static String callbackUrl(String siteUrl) {
        return siteUrl.endsWith("/") ? siteUrl : siteUrl + "/";
    }

    /**
     * Sets the callback and sign-out URLs, keeping every other setting of the client (an update call replaces
     * the whole client configuration, so what is not sent would be reset).
     */
    public void pointAt(String userPoolId, String clientId, String siteUrl) {
        UserPoolClientType client = cognito.describeUserPoolClient(
                        b -> b.userPoolId(userPoolId).clientId(clientId))
                .userPoolClient();
        List<String> urls = List.of(callbackUrl(siteUrl));
        cognito.updateUserPoolClient(b -> b.userPoolId(userPoolId)
                .clientId(clientId)
                .clientName(client.clientName())
                .refreshTokenValidity(client.refreshTokenValidity())
                .accessTokenValidity(client.accessTokenValidity())
                .idTokenValidity(client.idTokenValidity())
                .tokenValidityUnits(client.tokenValidityUnits())
                .readAttributes(client.readAttributes())
                .writeAttributes(client.writeAttributes())
                .explicitAuthFlowsWithStrings(client.explicitAuthFlowsAsStrings())
                .supportedIdentityProviders(client.supportedIdentityProviders())
                .allowedOAuthFlowsWithStrings(client.allowedOAuthFlowsAsStrings())
                .allowedOAuthScopes(client.allowedOAuthScopes())
                .allowedOAuthFlowsUserPoolClient(client.allowedOAuthFlowsUserPoolClient())
                .preventUserExistenceErrors(client.preventUserExistenceErrors())
                .enableTokenRevocation(client.enableTokenRevocation())
                .enablePropagateAdditionalUserContextData(client.enablePropagateAdditionalUserContextData())
                .authSessionValidity(client.authSessionValidity())
                .callbackURLs(urls)
                .logoutURLs(urls)
                .defaultRedirectURI(urls.getFirst()));
    }
}
