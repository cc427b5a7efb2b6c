package dev.roster.profile;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.Env;
import dev.roster.core.FunctionSetup;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.http.ApiException;
import dev.roster.core.http.ApiInvocation;
import dev.roster.core.http.ApiRequest;
import dev.roster.core.http.Caller;
import dev.roster.core.http.Membership;
import dev.roster.core.json.Json;
import dev.roster.core.observe.Log;
import dev.roster.core.observe.Metrics;
import dev.roster.core.profile.ProfileId;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.table.Claims;
import dev.roster.core.table.ModerationTable;
import dev.roster.core.table.ProfileTable;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The profile routes of the API (a member's own profile, others' pages, reports, and the admin routes): reads
 * each route's input, asks {@link ProfileService} or {@link ModerationService}, answers with
 * {@link ProfileResponses}.
 */
public final class ProfileHandler implements RequestStreamHandler {
    /**
     * Room for the largest valid profile however it is encoded: its ~3 700 characters (bio 2000, the other fields,
     * 20 tags of 40) written as JSON {@code \\u} escapes of surrogate pairs, 12 bytes each, come to ~45 KB.
     */
    static final int MAX_PROFILE_BODY_BYTES = 64 * 1024;

    static final int MAX_UPLOAD_REQUEST_BODY_BYTES = 1024;

    /** Built once per execution environment (and captured by SnapStart), only when the real constructor runs. */
    private static final class Sdk {
        static final DynamoDbClient DYNAMO_DB = AwsClients.dynamoDb();
        static final S3Presigner PRESIGNER = AwsClients.s3Presigner();
        static final S3Client S3 = AwsClients.s3();
    }

    private final ProfileService service;
    private final ModerationService moderation;
    private final Membership membership;
    private ProfilePriming priming;

    public ProfileHandler() {
        this(Env.system());
    }

    public ProfileHandler(Env env) {
        this(env, Sdk.DYNAMO_DB, Sdk.PRESIGNER, Sdk.S3);
        this.priming = FunctionSetup.init("profile", env, new ProfilePriming(env));
    }

    public ProfileHandler(Env env, DynamoDbClient dynamoDb, S3Presigner presigner) {
        this(env, dynamoDb, presigner, AwsClients.s3());
    }

    public ProfileHandler(Env env, DynamoDbClient dynamoDb, S3Presigner presigner, S3Client s3) {
        this(env, dynamoDb, presigner, s3, Clock.systemUTC());
    }

    ProfileHandler(Env env, DynamoDbClient dynamoDb, S3Presigner presigner, S3Client s3, Clock clock) {
        String table = env.required("TABLE_NAME");
        String community = env.optional("COMMUNITY_ID", "main");
        ProfileTable profiles = new ProfileTable(dynamoDb, table, community);
        ModerationTable moderation = new ModerationTable(dynamoDb, table, community);
        this.service = new ProfileService(
                profiles,
                new Claims(dynamoDb, table, community, clock),
                moderation,
                new PhotoUploads(presigner, s3, env.required("UPLOADS_BUCKET")),
                new PhotoObjects(s3, env.required("UPLOADS_BUCKET"), env.required("PHOTOS_BUCKET")),
                clock,
                env.longValue("MAX_UPLOAD_BYTES", ProfileService.DEFAULT_MAX_UPLOAD_BYTES),
                ProfileId::newProfileId);
        this.moderation = new ModerationService(profiles, moderation, service, clock);
        this.membership = Membership.from(env);
    }

    ProfileHandler(ProfileService service, ModerationService moderation, Membership membership) {
        this.service = service;
        this.moderation = moderation;
        this.membership = membership;
    }

    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) {
        ApiInvocation.handle(event, response, context, membership, this::route);
    }

    /** One request in this JVM (tests, the local stack's tools): the event as Lambda passes it, the response object. */
    public APIGatewayV2HTTPResponse handle(InputStream event) {
        return ApiInvocation.answer(event, membership, this::route);
    }

    private APIGatewayV2HTTPResponse route(ApiRequest request, Caller caller, Metrics metrics) {
        String sub = caller.sub();
        String id = request.pathParameter("id");
        if (request.routeKey().contains(" /admin/")) {
            return ProfileResponses.of(admin(request, caller));
        }
        return ProfileResponses.of(
                switch (request.routeKey()) {
                    case "GET /profiles/{id}" -> {
                        if (ProfileId.isWellFormed(id)) {
                            Log.profileId(id);
                        }
                        yield service.publicProfile(sub, id);
                    }
                    case "GET /profiles/{id}/vcard" -> service.contactCard(sub, id);
                    case "GET /me" -> service.me(caller);
                    case "PUT /me" ->
                        service.save(
                                caller,
                                ProfileInput.fromJson(Json.parseObject(request.body(MAX_PROFILE_BODY_BYTES))),
                                request.header("if-match"));
                    case "POST /me/photo" ->
                        service.requestUpload(caller, Json.parseObject(request.body(MAX_UPLOAD_REQUEST_BODY_BYTES)));
                    case "DELETE /me/photo" -> service.deletePhoto(caller);
                    case "PUT /me/photo/focal-point" ->
                        service.changeFocalPoint(caller, Json.parseObject(request.body(MAX_UPLOAD_REQUEST_BODY_BYTES)));
                    case "DELETE /me" -> service.leave(caller, request.header("if-match"));
                    case "GET /me/export" -> service.export(caller);
                    case "POST /profiles/{id}/report" ->
                        moderation.report(sub, id, Json.parseObject(request.body(MAX_UPLOAD_REQUEST_BODY_BYTES)));
                    default -> throw request.unknownRoute();
                });
    }

    /** Every /admin route is for the admin group only: anyone else gets a 403 before anything is read. */
    private ProfileOutcome admin(ApiRequest request, Caller caller) {
        if (!caller.isAdmin()) {
            throw new ApiException(
                    403,
                    "forbidden",
                    "only admins (the group " + membership.adminGroup() + ") may use " + request.routeKey());
        }
        String id = request.pathParameter("id");
        return switch (request.routeKey()) {
            case "GET /admin/reports" -> moderation.openReports(query(request, "cursor"), query(request, "limit"));
            case "GET /admin/audit" -> moderation.audit(query(request, "cursor"), query(request, "limit"));
            case "PUT /admin/profiles/{id}/visibility" -> moderation.setVisibility(caller.sub(), id, body(request));
            case "DELETE /admin/profiles/{id}/photo" -> moderation.removePhoto(caller.sub(), id, body(request));
            case "POST /admin/reports/{id}/resolve" -> moderation.resolve(caller.sub(), id, body(request));
            default -> throw request.unknownRoute();
        };
    }

    private static Map<String, Object> body(ApiRequest request) {
        String body = request.body(MAX_UPLOAD_REQUEST_BODY_BYTES);
        return body.isBlank() ? Map.of() : Json.parseObject(body);
    }

    private static String query(ApiRequest request, String name) {
        List<String> values = request.queryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
