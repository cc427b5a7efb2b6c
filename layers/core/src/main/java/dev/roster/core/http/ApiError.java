package dev.roster.core.http;

/**
 * What the API answers instead of the thing asked for: an HTTP status, a stable machine-readable code and a
 * message that tells the caller what to change. Rendered as {@code {"error": {"code", "message"}}}.
 */
public record ApiError(int status, String code, String message) {
    public static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }
}
