package dev.roster.site;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.roster.core.Env;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.observe.Log;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The custom resource that publishes the web client ({@link SiteResource} says what each request does). It
 * always answers CloudFormation.
 */
public final class SitePublisherHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final SiteResource site;

    public SitePublisherHandler() {
        this(Env.system());
    }

    public SitePublisherHandler(Env env) {
        this(
                new SitePublisher(AwsClients.s3()),
                () -> new SignInClient(CognitoIdentityProviderClient.builder()
                        .httpClient(AwsClients.httpClient())
                        .build()),
                Path.of(env.optional("SITE_ROOT", env.optional("LAMBDA_TASK_ROOT", ".") + "/site")));
        Log.function("site-publisher");
    }

    public SitePublisherHandler(SitePublisher publisher, Supplier<SignInClient> signIn, Path siteRoot) {
        this.site = new SiteResource(publisher, signIn, siteRoot);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Log.begin(context);
        SiteRequest request = SiteRequest.from(event);
        Map<String, Object> body = site.answer(request);
        CloudFormationResponse.send(request.responseUrl(), body);
        return body;
    }
}
