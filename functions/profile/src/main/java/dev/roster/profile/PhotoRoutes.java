package dev.roster.profile;

import dev.roster.core.http.ApiRequest;
import dev.roster.core.http.Caller;
import dev.roster.core.json.Json;

/** The member's photo: {@code POST} and {@code DELETE /me/photo}, {@code PUT /me/photo/focal-point}. */
final class PhotoRoutes {
    /** An upload request or a focal point is a few small fields. */
    static final int MAX_PHOTO_REQUEST_BODY_BYTES = 1024;

    private final ProfileService service;

    PhotoRoutes(ProfileService service) {
        this.service = service;
    }

    ProfileOutcome requestUpload(ApiRequest request, Caller caller) {
        return service.requestUpload(caller, Json.parseObject(request.body(MAX_PHOTO_REQUEST_BODY_BYTES)));
    }

    ProfileOutcome delete(ApiRequest request, Caller caller) {
        return service.deletePhoto(caller);
    }

    ProfileOutcome changeFocalPoint(ApiRequest request, Caller caller) {
        return service.changeFocalPoint(caller, Json.parseObject(request.body(MAX_PHOTO_REQUEST_BODY_BYTES)));
    }
}
