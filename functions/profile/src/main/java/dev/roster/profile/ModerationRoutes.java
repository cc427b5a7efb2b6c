package dev.roster.profile;

import dev.roster.core.http.ApiException;
import dev.roster.core.http.ApiRequest;
import dev.roster.core.http.Caller;
import dev.roster.core.json.Json;
import java.util.List;
import java.util.Map;

/**
 * Reports and their handling: a member's {@code POST /profiles/{id}/report}, and the {@code /admin} routes, which
 * are for the admin group only ({@link #admitAdmin}).
 */
final class ModerationRoutes {
    /** A report, a resolution or a visibility change is a few small fields and a reason. */
    static final int MAX_MODERATION_BODY_BYTES = 1024;

    private final ModerationService moderation;
    private final String adminGroup;

    ModerationRoutes(ModerationService moderation, String adminGroup) {
        this.moderation = moderation;
        this.adminGroup = adminGroup;
    }

    /**
     * Every route under {@code /admin} (a route key not served too) answers anyone outside the admin group 403
     * before anything is read, so no admin route can forget to ask.
     */
    void admitAdmin(ApiRequest request, Caller caller) {
        if (request.routeKey().contains(" /admin/") && !caller.isAdmin()) {
            throw new ApiException(
                    403, "forbidden", "only admins (the group " + adminGroup + ") may use " + request.routeKey());
        }
    }

    ProfileOutcome report(ApiRequest request, Caller caller) {
        return moderation.report(
                caller.sub(), request.pathParameter("id"), Json.parseObject(request.body(MAX_MODERATION_BODY_BYTES)));
    }

    ProfileOutcome openReports(ApiRequest request, Caller caller) {
        return moderation.openReports(query(request, "cursor"), query(request, "limit"));
    }

    ProfileOutcome audit(ApiRequest request, Caller caller) {
        return moderation.audit(query(request, "cursor"), query(request, "limit"));
    }

    ProfileOutcome setVisibility(ApiRequest request, Caller caller) {
        return moderation.setVisibility(caller.sub(), request.pathParameter("id"), optionalBody(request));
    }

    ProfileOutcome removePhoto(ApiRequest request, Caller caller) {
        return moderation.removePhoto(caller.sub(), request.pathParameter("id"), optionalBody(request));
    }

    ProfileOutcome resolve(ApiRequest request, Caller caller) {
        return moderation.resolve(caller.sub(), request.pathParameter("id"), optionalBody(request));
    }

    /** An admin route may come without a body (a {@code DELETE}, no reason given): read as no fields. */
    private static Map<String, Object> optionalBody(ApiRequest request) {
        String body = request.body(MAX_MODERATION_BODY_BYTES);
        return body.isBlank() ? Map.of() : Json.parseObject(body);
    }

    private static String query(ApiRequest request, String name) {
        List<String> values = request.queryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
