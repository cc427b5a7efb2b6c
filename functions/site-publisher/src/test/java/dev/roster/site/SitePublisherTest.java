package dev.roster.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.json.Json;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The site publisher as CloudFormation drives it: custom resource events in, the site bucket in moto's S3
 * changed, and the answer PUT to the response URL (a local HTTP server stands in for CloudFormation's).
 */
@WithLocalAws
class SitePublisherTest {
    private static final String SITE_URL = "https://d111111abcdef8.cloudfront.net";

    @TempDir
    Path site;

    private HttpServer cloudFormation;
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private String bucket;
    private SitePublisherHandler handler;

    /** What CloudFormation received: the body, and the content type (it must be none: the URL signs none). */
    record Answer(Map<String, Object> body, String contentType) {}

    @BeforeEach
    void start(LocalAws aws) throws IOException {
        cloudFormation = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        cloudFormation.createContext("/", exchange -> {
            try (exchange) {
                answers.add(new Answer(
                        Json.parseTrusted(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)),
                        exchange.getRequestHeaders().getFirst("content-type")));
                exchange.sendResponseHeaders(exchange.getRequestMethod().equals("PUT") ? 200 : 405, -1);
            }
        });
        cloudFormation.start();
        bucket = aws.physicalName("SiteBucket");
        new SitePublisher(aws.s3()).empty(bucket);
        handler = new SitePublisherHandler(new SitePublisher(aws.s3()), () -> new SignInClient(cognito()), site);
        write("index.html", "<!doctype html><title>roster</title>");
        write("app.js", "import './views/directory.js';");
        write("views/directory.js", "export {};");
        write("styles.css", "body{}");
        write("config.json", "{\"apiBase\":\"/api\",\"auth\":{\"mode\":\"local\"}}");
    }

    @AfterEach
    void stop() {
        cloudFormation.stop(0);
    }

    private static CognitoIdentityProviderClient cognito() {
        return CognitoIdentityProviderClient.builder()
                .httpClient(AwsClients.httpClient())
                .build();
    }

    private void write(String key, String text) throws IOException {
        Path file = site.resolve(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Map<String, Object> event(String type, Map<String, Object> overrides) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ServiceToken", "arn:aws:lambda:us-east-1:123456789012:function:publisher");
        properties.put("SiteBucket", bucket);
        properties.put("SiteUrl", SITE_URL);
        properties.put("ApiBase", "/api");
        properties.put("Issuer", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool");
        properties.put("ClientId", "client123");
        properties.put("AuthorizationEndpoint", "https://roster-dev.auth.us-east-1.amazoncognito.com/oauth2/authorize");
        properties.put("TokenEndpoint", "https://roster-dev.auth.us-east-1.amazoncognito.com/oauth2/token");
        properties.put("UserPoolId", "");
        properties.putAll(overrides);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("RequestType", type);
        event.put(
                "ResponseURL",
                "http://127.0.0.1:" + cloudFormation.getAddress().getPort()
                        + "/cloudformation-response?X-Amz-Signature=abc");
        event.put("StackId", "arn:aws:cloudformation:us-east-1:123456789012:stack/roster-dev/1");
        event.put("RequestId", "request-" + type);
        event.put("LogicalResourceId", "Site");
        if (!type.equals("Create")) {
            event.put("PhysicalResourceId", "roster-site-" + bucket);
        }
        event.put("ResourceProperties", properties);
        return event;
    }

    private Map<String, Object> answer(String type, Map<String, Object> overrides) throws InterruptedException {
        handler.handleRequest(event(type, overrides), null);
        Answer answer = answers.poll(10, TimeUnit.SECONDS);
        assertNotNull(answer, "CloudFormation got no answer");
        assertEquals(null, answer.contentType(), "the presigned response URL signs no content type");
        assertEquals("request-" + type, answer.body().get("RequestId"));
        assertEquals("Site", answer.body().get("LogicalResourceId"));
        return answer.body();
    }

    private List<String> keys(LocalAws aws) {
        return aws.s3().listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                .map(S3Object::key)
                .sorted()
                .toList();
    }

    private String read(LocalAws aws, String key) {
        return aws.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    @Test
    void createPublishesTheWebClientWithTheDeploymentsOwnConfig(LocalAws aws) throws Exception {
        Map<String, Object> answer = answer("Create", Map.of());

        assertEquals("SUCCESS", answer.get("Status"), String.valueOf(answer.get("Reason")));
        assertEquals("roster-site-" + bucket, answer.get("PhysicalResourceId"));
        assertEquals(List.of("app.js", "config.json", "index.html", "styles.css", "views/directory.js"), keys(aws));
        HeadObjectResponse index = aws.s3().headObject(b -> b.bucket(bucket).key("index.html"));
        assertEquals("text/html; charset=utf-8", index.contentType());
        assertEquals("no-cache", index.cacheControl());
        assertEquals(
                "text/javascript; charset=utf-8",
                aws.s3()
                        .headObject(b -> b.bucket(bucket).key("views/directory.js"))
                        .contentType());
        // the stack's values, not the packaged local config
        assertEquals(
                Map.of(
                        "apiBase",
                        "/api",
                        "auth",
                        Map.of(
                                "mode",
                                "oidc",
                                "issuer",
                                "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool",
                                "clientId",
                                "client123",
                                "scope",
                                "openid profile email",
                                "authorizationEndpoint",
                                "https://roster-dev.auth.us-east-1.amazoncognito.com/oauth2/authorize",
                                "tokenEndpoint",
                                "https://roster-dev.auth.us-east-1.amazoncognito.com/oauth2/token")),
                Json.parseTrusted(read(aws, "config.json")));
    }

    @Test
    void redeployWithAChangedSitePublishesTheChangeAndRemovesWhatIsGone(LocalAws aws) throws Exception {
        answer("Create", Map.of());
        write("app.js", "import './views/profile.js';");
        write("views/profile.js", "export const v = 2;");
        Files.delete(site.resolve("views/directory.js"));

        Map<String, Object> answer = answer("Update", Map.of("ClientId", "client456"));

        assertEquals("SUCCESS", answer.get("Status"));
        assertEquals(List.of("app.js", "config.json", "index.html", "styles.css", "views/profile.js"), keys(aws));
        assertEquals("import './views/profile.js';", read(aws, "app.js"));
        assertTrue(read(aws, "config.json").contains("\"clientId\":\"client456\""), read(aws, "config.json"));
    }

    @Test
    void deleteEmptiesTheBucketSoTheStackCanDeleteIt(LocalAws aws) throws Exception {
        answer("Create", Map.of());
        aws.s3()
                .putObject(
                        b -> b.bucket(bucket).key("left/by/hand.txt"),
                        software.amazon.awssdk.core.sync.RequestBody.fromString("x"));

        Map<String, Object> answer = answer("Delete", Map.of());

        assertEquals("SUCCESS", answer.get("Status"));
        assertEquals(List.of(), keys(aws));
        // a bucket that is already gone (or never named) is empty: the deletion still goes through
        assertEquals(
                "SUCCESS",
                answer("Delete", Map.of("SiteBucket", "roster-no-such-bucket")).get("Status"));
        assertEquals("SUCCESS", answer("Delete", Map.of("SiteBucket", "")).get("Status"));
    }

    @Test
    void badConfigurationFailsTheDeployWithAReasonNamingTheParameterAndWritesNothing(LocalAws aws) throws Exception {
        Map<String, Object> noClient =
                answer("Create", Map.of("ClientId", "", "AuthorizationEndpoint", "", "TokenEndpoint", ""));
        assertEquals("FAILED", noClient.get("Status"));
        assertTrue(
                String.valueOf(noClient.get("Reason")).contains("JwtAudience"), String.valueOf(noClient.get("Reason")));
        Map<String, Object> noIssuer = answer("Create", Map.of("Issuer", ""));
        assertEquals("FAILED", noIssuer.get("Status"));
        assertTrue(
                String.valueOf(noIssuer.get("Reason")).contains("JwtIssuer"), String.valueOf(noIssuer.get("Reason")));
        assertEquals(List.of(), keys(aws));
    }

    @Test
    void aSiteWithoutIndexFailsTheDeployInsteadOfPublishingABlankSite(LocalAws aws) throws Exception {
        Files.delete(site.resolve("index.html"));
        Map<String, Object> answer = answer("Create", Map.of());
        assertEquals("FAILED", answer.get("Status"));
        assertTrue(String.valueOf(answer.get("Reason")).contains("index.html"), String.valueOf(answer.get("Reason")));
    }

    @Test
    void signInClientIsPointedAtTheSiteKeepingItsOtherSettings(LocalAws aws) throws Exception {
        CognitoIdentityProviderClient cognito = cognito();
        String pool =
                cognito.createUserPool(b -> b.poolName("members")).userPool().id();
        String client = cognito.createUserPoolClient(b -> b.userPoolId(pool)
                        .clientName("web")
                        .generateSecret(false)
                        .allowedOAuthFlowsUserPoolClient(true)
                        .allowedOAuthFlows(OAuthFlowType.CODE)
                        .allowedOAuthScopes("openid", "email", "profile")
                        .supportedIdentityProviders("COGNITO")
                        .callbackURLs("https://localhost/")
                        .logoutURLs("https://localhost/"))
                .userPoolClient()
                .clientId();

        Map<String, Object> answer = answer("Create", Map.of("UserPoolId", pool, "ClientId", client));

        assertEquals("SUCCESS", answer.get("Status"), String.valueOf(answer.get("Reason")));
        UserPoolClientType after = cognito.describeUserPoolClient(
                        b -> b.userPoolId(pool).clientId(client))
                .userPoolClient();
        assertEquals(List.of(SITE_URL + "/"), after.callbackURLs());
        assertEquals(List.of(SITE_URL + "/"), after.logoutURLs());
        assertEquals(List.of(OAuthFlowType.CODE), after.allowedOAuthFlows());
        assertEquals(List.of("openid", "email", "profile"), after.allowedOAuthScopes());
        assertTrue(after.allowedOAuthFlowsUserPoolClient());
        assertEquals("web", after.clientName());
    }

    @Test
    void thePackagedWebClientIsPublishedWithoutItsLocalConfig() {
        List<SiteFiles.SiteFile> files = SiteFiles.under(Path.of("../../web"));
        List<String> keys = files.stream().map(SiteFiles.SiteFile::key).toList();
        assertTrue(keys.contains("index.html") && keys.contains("app.js"), keys.toString());
        assertFalse(keys.contains("config.json"));
        assertTrue(
                files.stream().noneMatch(f -> f.contentType().equals("application/octet-stream")),
                "every file of web/ has a content type: " + files);
    }
}
