package dev.roster.site;

import dev.roster.core.observe.Log;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the site custom resource does for each request: on {@code Create} and {@code Update} it writes the
 * packaged {@code web/} and the deployment's {@code config.json} into the site bucket (and points the sign-in
 * client at the site), on {@code Delete} it empties the bucket. Its answer is CloudFormation's response body,
 * a failure included: a custom resource that does not answer holds the stack for an hour.
 */
final class SiteResource {
    private final SitePublisher publisher;
    private final Supplier<SignInClient> signIn;
    private final Path siteRoot;

    SiteResource(SitePublisher publisher, Supplier<SignInClient> signIn, Path siteRoot) {
        this.publisher = publisher;
        this.signIn = signIn;
        this.siteRoot = siteRoot;
    }

    Map<String, Object> answer(SiteRequest request) {
        try {
            return switch (request.validate().requestType()) {
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
            return CloudFormationResponse.body(request, false, reason, physicalId(request), Map.of());
        }
    }

    /** A failed Create has no resource yet: any id will do, CloudFormation only uses it for the rollback's Delete. */
    private static String physicalId(SiteRequest request) {
        return request.physicalResourceId().isBlank() ? request.sitePhysicalId() : request.physicalResourceId();
    }
}
