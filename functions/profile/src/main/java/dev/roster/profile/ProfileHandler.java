package dev.roster.profile;

import static java.util.Map.entry;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.Env;
import dev.roster.core.FunctionSetup;
import dev.roster.core.http.ApiHandler;
import dev.roster.core.http.ApiRequest;
import dev.roster.core.http.Caller;
import dev.roster.core.http.Membership;
import dev.roster.core.observe.Metrics;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The profile function's routes, each to the route class that serves it; {@link ProfileResponses} answers. */
public final class ProfileHandler extends ApiHandler {
    private final ModerationRoutes moderation;
    private final Map<String, ProfileRoute> routes;
    private ProfilePriming priming;

    public ProfileHandler() {
        this(Env.system());
    }

    public ProfileHandler(Env env) {
        this(ProfileServices.from(env), Membership.from(env));
        this.priming = FunctionSetup.init("profile", env, new ProfilePriming(env));
    }

    public ProfileHandler(Env env, DynamoDbClient dynamoDb, S3Presigner presigner, S3Client s3) {
        this(ProfileServices.from(env, dynamoDb, presigner, s3, Clock.systemUTC()), Membership.from(env));
    }

    ProfileHandler(ProfileService service, ModerationService moderation, Membership membership) {
        this(new ProfileServices(service, moderation), membership);
    }

    private ProfileHandler(ProfileServices services, Membership membership) {
        super(membership);
        OwnProfileRoutes own = new OwnProfileRoutes(services.profiles());
        PhotoRoutes photo = new PhotoRoutes(services.profiles());
        ProfilePageRoutes pages = new ProfilePageRoutes(services.profiles());
        this.moderation = new ModerationRoutes(services.moderation(), membership.adminGroup());
        this.routes = Map.ofEntries(
                entry("GET /me", own::read),
                entry("PUT /me", own::save),
                entry("DELETE /me", own::leave),
                entry("GET /me/export", own::export),
                entry("POST /me/photo", photo::requestUpload),
                entry("DELETE /me/photo", photo::delete),
                entry("PUT /me/photo/focal-point", photo::changeFocalPoint),
                entry("GET /profiles/{id}", pages::page),
                entry("GET /profiles/{id}/vcard", pages::contactCard),
                entry("POST /profiles/{id}/report", moderation::report),
                entry("GET /admin/reports", moderation::openReports),
                entry("GET /admin/audit", moderation::audit),
                entry("PUT /admin/profiles/{id}/visibility", moderation::setVisibility),
                entry("DELETE /admin/profiles/{id}/photo", moderation::removePhoto),
                entry("POST /admin/reports/{id}/resolve", moderation::resolve));
    }

    Set<String> routeKeys() {
        return routes.keySet();
    }

    @Override
    protected APIGatewayV2HTTPResponse route(ApiRequest request, Caller caller, Metrics metrics) {
        moderation.admitAdmin(request, caller);
        ProfileRoute route = routes.get(request.routeKey());
        if (route == null) {
            throw request.unknownRoute();
        }
        return ProfileResponses.of(route.answer(request, caller));
    }
}
