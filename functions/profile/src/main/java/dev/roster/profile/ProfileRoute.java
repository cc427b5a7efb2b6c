package dev.roster.profile;

import dev.roster.core.http.ApiRequest;
import dev.roster.core.http.Caller;

/** One route of the profile function: the request read into a service call, its outcome returned. */
@FunctionalInterface
interface ProfileRoute {
    ProfileOutcome answer(ApiRequest request, Caller caller);
}
