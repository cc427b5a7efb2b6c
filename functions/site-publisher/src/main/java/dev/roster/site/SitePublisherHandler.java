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
 * The custom resource that publishes the web client: on {@code Create} and {@code Update} it writes the
 * packaged {@code web/} and the deployment's {@code config.json} into the site bucket (and points the sign-in
 * client at the site), on {@code Delete} it empties the bucket. It always answers CloudFormation.
 */
public final class SitePublisherHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final SitePublisher publisher;
    private final Supplier<SignInClient> signIn;
    private final Path siteRoot;

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
        this.publisher = publisher;
        this.signIn = signIn;
        this.siteRoot = siteRoot;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Log.begin(context);
        SiteRequest request = SiteRequest.from(event);
        Map<String, Object> body;
        try {
            body = switch (request.validate().requestType()) {
                case "Delete" -> {
                    int removed = publisher.empty(request.siteBucket());
                    yield CloudFormationResponse.body(
                            request,
                            true,
                            "emptied " + request.siteBucket() + " (" + removed + " objects)",
                            physicalId(request),
                            Map.of("FilesRemoved", removed));
                }
                default -> {
                    SitePublisher.Published published =
                            publisher.publish(request.siteBucket(), SiteFiles.under(siteRoot), request.config());
                    if (!request.userPoolId().isBlank()) {
                        signIn.get()
                                .pointAt(request.userPoolId(), request.config().clientId(), request.siteUrl());
                    }
                    yield CloudFormationResponse.body(
                            request,
                            true,
                            "published " + published.filesWritten() + " files to " + request.siteBucket(),
                            request.sitePhysicalId(),
                            Map.of("FilesWritten", published.filesWritten(), "FilesRemoved", published.filesRemoved()));
                }
            };
        } catch (RuntimeException e) {
            Log.error("site publisher failed", e, "requestType", request.requestType());
            String reason = e instanceof SiteRequest.Invalid
                    ? e.getMessage()
                    : "publishing the site failed: " + e.getMessage() + " (the function's log has the details)";
            body = CloudFormationResponse.body(request, false, reason, physicalId(request), Map.of());
        }
        CloudFormationResponse.send(request.responseUrl(), body);
        return body;
    }

    /** A failed Create has no resource yet: any id will do, CloudFormation only uses it for the rollback's Delete. */
    private static String physicalId(SiteRequest request) {
        return request.physicalResourceId().isBlank() ? request.sitePhysicalId() : request.physicalResourceId();
    }
}
