package dev.roster.core.http;

/**
 * Thrown where input is found wanting (parsing, validation), deep inside a request, and turned into its
 * {@link ApiError} response by the handler. No stack trace is captured: it is an answer, not a bug.
 */
public final class ApiException extends RuntimeException {
    private final ApiError error;

    public ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ApiException(int status, String code, String message) {
        this(new ApiError(status, code, message));
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(ApiError.badRequest(code, message));
    }

    public ApiError error() {
        return error;
    }
}
