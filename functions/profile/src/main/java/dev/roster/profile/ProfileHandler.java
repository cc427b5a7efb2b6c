package dev.roster.profile;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.Env;
import dev.roster.core.observe.DynamoDbCalls;
import dev.roster.core.observe.Log;
import dev.roster.core.observe.Metrics;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.aws.PrimingClients;
import dev.roster.core.http.ApiError;
import dev.roster.core.http.ApiException;
import dev.roster.core.http.Caller;
import dev.roster.core.http.HttpRequests;
import dev.roster.core.http.HttpResponses;
import dev.roster.core.http.Membership;
import dev.roster.core.http.SampleRequests;
import dev.roster.core.json.Json;
import dev.roster.core.profile.ProfileId;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.http.Membership;
import dev.roster.core.table.ModerationTable;
import dev.roster.core.profile.VCard;
import dev.roster.profile.ProfileOutcome.ContactCard;
import dev.roster.profile.ProfileOutcome.AdminDone;
import dev.roster.profile.ProfileOutcome.AdminPage;
import dev.roster.profile.ProfileOutcome.Exported;
import dev.roster.profile.ProfileOutcome.FocalPointAccepted;
import dev.roster.profile.ProfileOutcome.Left;
import dev.roster.profile.ProfileOutcome.Reported;
import dev.roster.profile.ProfileOutcome.OwnProfile;
import dev.roster.profile.ProfileOutcome.PhotoRemoved;
import dev.roster.profile.ProfileOutcome.PublicProfile;
import dev.roster.profile.ProfileOutcome.Refused;
import dev.roster.profile.ProfileOutcome.Saved;
import dev.roster.profile.ProfileOutcome.UploadGranted;
import dev.roster.core.table.ProfileItems;
import dev.roster.core.table.Claims;
import dev.roster.core.table.ProfileTable;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /profiles/{id}}, {@code GET /profiles/{id}/vcard}, {@code GET /me}, {@code PUT /me}, {@code POST /me/photo}, {@code DELETE /me/photo},
 * {@code PUT /me/photo/focal-point}.
 * Parses the event, asks {@link ProfileService}, renders its outcome.
 */
public final class ProfileHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    /**
     * Room for the largest valid profile however it is encoded: its ~3 700 characters (bio 2000, the other fields,
     * 20 tags of 40) written as JSON {@code \\u} escapes of surrogate pairs, 12 bytes each, come to ~45 KB.
     */
    static final int MAX_PROFILE_BODY_BYTES = 64 * 1024;
    static final int MAX_UPLOAD_REQUEST_BODY_BYTES = 1024;
    static final long DEFAULT_MAX_UPLOAD_BYTES = 15L * 1024 * 1024;

    /** Built once per execution environment (and captured by SnapStart), only when the real constructor runs. */
    private static final class Sdk {
        static final DynamoDbClient DYNAMO_DB = AwsClients.dynamoDb();
        static final S3Presigner PRESIGNER = AwsClients.s3Presigner();
        static final S3Client S3 = AwsClients.s3();
    }

    /** The owner pointer and the profile as DynamoDB answers GetItem (one item serves as both), for priming. */
    static final String SAMPLE_ITEM = """
            {"Item":{"PK":{"S":"C#main#P#AAAAAAAA"},"SK":{"S":"PROFILE"},"profileId":{"S":"AAAAAAAA"},
             "ownerSub":{"S":"snapstart-priming"},"name":{"S":"Zoë Prime"},"organisation":{"S":"Org"},
             "location":{"S":"Town"},"website":{"S":"https://example.org"},"bio":{"S":"Hello"},"email":{"S":""},
             "tags":{"L":[{"S":"java"}]},"visible":{"BOOL":true},"sortName":{"S":"zoe prime"},"version":{"N":"1"},
             "photoStatus":{"S":"NONE"}}}""";

    private final ProfileService service;
    private final ModerationService moderation;
    private final Membership membership;
    private Runnable primeRequests = () -> { };

    public ProfileHandler() {
        this(Env.system());
    }

    public ProfileHandler(Env env) {
        this(env, Sdk.DYNAMO_DB, Sdk.PRESIGNER, Sdk.S3);
        this.primeRequests = () -> primeRequests(env);
        Log.function("profile");
        Metrics.namespace(env.optional("METRICS_NAMESPACE", Metrics.DEFAULT_NAMESPACE));
        Core.getGlobalContext().register(this);
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
        this.service = new ProfileService(profiles, new Claims(dynamoDb, table, community, clock), moderation,
                new PhotoUploads(presigner, s3, env.required("UPLOADS_BUCKET")),
                new PhotoObjects(s3, env.required("UPLOADS_BUCKET"), env.required("PHOTOS_BUCKET")),
                clock, env.longValue("MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES), ProfileId::newProfileId);
        this.moderation = new ModerationService(profiles, moderation, service, clock);
        this.membership = Membership.from(env);
    }

    ProfileHandler(ProfileService service, ModerationService moderation, Membership membership) {
        this.service = service;
        this.moderation = moderation;
        this.membership = membership;
    }

    /**
     * SnapStart: snapshot after the request code has run once without AWS: body parsing, validation, item
     * mapping, JSON. (Presigning is left out: it would resolve credentials into the snapshot.)
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        ProfileInput input = ProfileInput.fromJson(Json.parseObject("""
                {"name":"Zoë Prime","organisation":"Org","location":"Town","website":"https://example.org",
                 "bio":"Hello","email":"zoe@example.org","tags":["Java","Serverless"],"visible":true}"""));
        var item = new java.util.HashMap<>(ProfileItems.cardAttributes("AAAAAAAA", input, null));
        Json.write(ProfileItems.profile(item).ownerJson());
        HttpResponses.error(ApiError.notFound("primed"));
        primeRequests.run();
    }

    /**
     * Every route end to end through fully built SDK clients whose DynamoDB answers in memory and whose
     * presigner holds made-up credentials: the SDK's marshalling, signing and parsing are in the snapshot,
     * and neither a network call nor a real credential is.
     */
    private static void primeRequests(Env env) {
        Log.quietly(() -> {
            ProfileHandler primed = new ProfileHandler(env, PrimingClients.dynamoDb(op -> PrimingClients.Answer.json(switch (op) {
                case "GetItem" -> SAMPLE_ITEM;
                case "UpdateItem" -> "{\"Attributes\":{\"version\":{\"N\":\"2\"}}}";
                default -> "{}";
            })), PrimingClients.s3Presigner(),
                    PrimingClients.s3(request -> PrimingClients.Answer.xml("<CopyObjectResult><ETag>\"priming\"</ETag></CopyObjectResult>")));
            String body = "{\"name\":\"Zoë Prime\",\"organisation\":\"Org\",\"tags\":[\"java\",\"go\"],\"visible\":true}";
            expect(primed.handleRequest(SampleRequests.request(Membership.from(env), "GET", "GET /me", "/me", "", null, null), null), 200);
            expect(primed.handleRequest(SampleRequests.request(Membership.from(env), "PUT", "PUT /me", "/me", "", null, body), null), 200);
            expect(primed.handleRequest(SampleRequests.request(Membership.from(env), "POST", "POST /me/photo", "/me/photo", "", null,
                    "{\"contentType\":\"image/jpeg\",\"contentLength\":100000}"), null), 201);
            expect(primed.handleRequest(SampleRequests.request(Membership.from(env), "GET", "GET /profiles/{id}", "/profiles/AAAAAAAA", "",
                    Map.of("id", "AAAAAAAA"), null), null), 200);
        });
    }

    private static void expect(APIGatewayV2HTTPResponse response, int status) {
        if (response.getStatusCode() != status) {
            throw new IllegalStateException("priming request answered " + response.getStatusCode() + ": " + response.getBody());
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: the SDK clients resolve credentials and open connections on first use
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Log.begin(context);
        DynamoDbCalls.reset();
        Metrics metrics = Metrics.start();
        try {
            Caller caller = membership.admit(event);
            String sub = caller.sub();
            requireAdminFor(event, caller);
            ProfileOutcome outcome = switch (routeKey(event)) {
                case "GET /profiles/{id}" -> {
                    String id = HttpRequests.pathParameter(event, "id");
                    if (ProfileId.isWellFormed(id)) {
                        Log.profileId(id);
                    }
                    yield service.publicProfile(sub, id);
                }
                case "GET /profiles/{id}/vcard" -> service.contactCard(sub, HttpRequests.pathParameter(event, "id"));
                case "GET /me" -> service.me(caller);
                case "PUT /me" -> service.save(caller,
                        ProfileInput.fromJson(Json.parseObject(HttpRequests.body(event, MAX_PROFILE_BODY_BYTES))),
                        HttpRequests.header(event, "if-match"));
                case "POST /me/photo" -> service.requestUpload(caller,
                        Json.parseObject(HttpRequests.body(event, MAX_UPLOAD_REQUEST_BODY_BYTES)));
                case "DELETE /me/photo" -> service.deletePhoto(caller);
                case "PUT /me/photo/focal-point" -> service.changeFocalPoint(caller,
                        Json.parseObject(HttpRequests.body(event, MAX_UPLOAD_REQUEST_BODY_BYTES)));
                case "DELETE /me" -> service.leave(caller, HttpRequests.header(event, "if-match"));
                case "GET /me/export" -> service.export(caller);
                case "POST /profiles/{id}/report" -> moderation.report(sub, HttpRequests.pathParameter(event, "id"),
                        Json.parseObject(HttpRequests.body(event, MAX_UPLOAD_REQUEST_BODY_BYTES)));
                case "GET /admin/reports" -> moderation.openReports(query(event, "cursor"), query(event, "limit"));
                case "GET /admin/audit" -> moderation.audit(query(event, "cursor"), query(event, "limit"));
                default -> admin(event, caller);
            };
            return render(outcome);
        } catch (ApiException e) {
            return HttpResponses.error(e.error());
        } catch (RuntimeException e) {
            Log.error("request failed", e, "route", routeKey(event));
            metrics.count("Failures");
            return HttpResponses.failure(e);
        } finally {
            metrics.put("DynamoDbCalls", DynamoDbCalls.count(), Metrics.Unit.COUNT).flush();
        }
    }

    /** The admin routes that change something; reading ones are above. Each needs the token's admin group. */
    private ProfileOutcome admin(APIGatewayV2HTTPEvent event, Caller caller) {
        String adminSub = caller.sub();
        return switch (routeKey(event)) {
            case "PUT /admin/profiles/{id}/visibility" -> moderation.setVisibility(adminSub,
                    HttpRequests.pathParameter(event, "id"), body(event));
            case "DELETE /admin/profiles/{id}/photo" -> moderation.removePhoto(adminSub,
                    HttpRequests.pathParameter(event, "id"), body(event));
            case "POST /admin/reports/{id}/resolve" -> moderation.resolve(adminSub,
                    HttpRequests.pathParameter(event, "id"), body(event));
            default -> new Refused(ApiError.notFound("no route " + routeKey(event) + " in this function"));
        };
    }

    private static Map<String, Object> body(APIGatewayV2HTTPEvent event) {
        String body = HttpRequests.body(event, MAX_UPLOAD_REQUEST_BODY_BYTES);
        return body.isBlank() ? Map.of() : Json.parseObject(body);
    }

    private static String query(APIGatewayV2HTTPEvent event, String name) {
        List<String> values = HttpRequests.queryParameters(event).get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** Every /admin route is for the admin group only: anyone else gets a 403 before anything is read. */
    private void requireAdminFor(APIGatewayV2HTTPEvent event, Caller caller) {
        if (routeKey(event).contains(" /admin/") && !caller.isAdmin()) {
            throw new ApiException(403, "forbidden", "only admins (the group " + membership.adminGroup()
                    + ") may use " + routeKey(event));
        }
    }

    private static APIGatewayV2HTTPResponse render(ProfileOutcome outcome) {
        return switch (outcome) {
            case PublicProfile p -> HttpResponses.json(200, p.profile().pageJson());
            case ContactCard card -> HttpResponses.text(200, VCard.CONTENT_TYPE, VCard.of(card.profile()),
                    Map.of("content-disposition", attachment(VCard.fileName(card.profile()))));
            case OwnProfile own -> HttpResponses.json(200, own.profile().ownerJson(), Map.of("etag", own.profile().etag()));
            case Left left -> HttpResponses.noContent();
            case Exported exported -> HttpResponses.json(200, exported.data(),
                    Map.of("content-disposition", "attachment; filename=\"roster-export.json\""));
            case Reported reported -> HttpResponses.json(202, Map.of("reportId", reported.reportId(), "status", "OPEN"));
            case AdminPage page -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put(page.name(), page.items());
                body.put("next", page.next());
                yield HttpResponses.json(200, body);
            }
            case AdminDone done -> HttpResponses.json(200, done.body());
            case Saved saved -> HttpResponses.json(saved.created() ? 201 : 200, saved.profile().ownerJson(),
                    Map.of("etag", saved.profile().etag()));
            case UploadGranted granted -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("uploadId", granted.grant().uploadId());
                body.put("url", granted.grant().url());
                body.put("method", granted.grant().method());
                body.put("headers", granted.grant().headers());
                body.put("expiresAt", granted.grant().expiresAt().toString());
                yield HttpResponses.json(201, body, Map.of("etag", "\"" + granted.version() + "\""));
            }
            case FocalPointAccepted accepted -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("uploadId", accepted.uploadId());
                body.put("focalPoint", accepted.focalPoint().json());
                body.put("photoStatus", "PENDING");
                yield HttpResponses.json(202, body, Map.of("etag", "\"" + accepted.version() + "\""));
            }
            case PhotoRemoved removed -> HttpResponses.noContent();
            case Refused refused -> HttpResponses.error(refused.error());
        };
    }

    /** RFC 6266: an ASCII fallback name and the real one, percent-encoded UTF-8. */
    static String attachment(String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9 ._-]", "_");
        String encoded = java.net.URLEncoder.encode(fileName, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** The route API Gateway matched; derived from method and path when a hand-made event lacks it. */
    static String routeKey(APIGatewayV2HTTPEvent event) {
        if (event.getRouteKey() != null && !event.getRouteKey().isBlank()) {
            return event.getRouteKey();
        }
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        String method = http == null ? "" : http.getMethod();
        String path = event.getRawPath() == null ? "" : event.getRawPath();
        if (path.startsWith("/profiles/")) {
            path = path.endsWith("/vcard") ? "/profiles/{id}/vcard" : "/profiles/{id}";
        }
        return method + " " + path;
    }
}
