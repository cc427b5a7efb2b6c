package dev.roster.core.aws;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Which failures of an AWS call are the moment's, not the request's: the service could not be reached,
 * dropped the connection, did not answer in time, throttled us past the SDK's retries or failed on its side.
 * Asking again a little later can succeed, so the API says so (503 with Retry-After) instead of a 500.
 */
public final class Failures {
    private Failures() {}

    @SuppressWarnings("ReferenceEquality") // identity is meant: an exception that is its own cause ends the walk
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SdkClientException) {
                return true; // connection refused or reset, timeouts (ApiCallTimeoutException is one)
            }
            if (cause instanceof SdkServiceException service) {
                return service.isThrottlingException() || service.statusCode() >= 500;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
