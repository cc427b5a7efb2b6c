package dev.roster.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.emulator.LocalAws;
import dev.roster.junit.SdkCalls;
import dev.roster.junit.WithLocalAws;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The AWS calls each profile route makes, as README.md states them; presigning is local and calls nothing. */
@WithLocalAws
class CallsPerRouteTest {
    private static List<String> calls(Supplier<ProfileApi.Response> request, int expectedStatus) {
        SdkCalls.reset();
        ProfileApi.Response response = request.get();
        assertEquals(expectedStatus, response.status(), response.body());
        return SdkCalls.recorded();
    }

    @Test
    void eachRouteMakesItsFewCallsAndNoMore(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        String get = "DynamoDb:GetItem";
        String transact = "DynamoDb:TransactWriteItems";

        assertEquals(
                List.of(get, transact),
                calls(() -> api.putMe("counted", ProfileApi.profile("Counted", true, "a", "b"), null), 201));
        ProfileApi.Response me = api.getMe("counted");
        assertEquals(List.of(get, get), calls(() -> api.getMe("counted"), 200));
        assertEquals(
                List.of(get),
                calls(() -> api.getProfile("other", (String) me.json().get("id")), 200));
        assertEquals(
                List.of(get, get, transact),
                calls(() -> api.putMe("counted", ProfileApi.profile("Counted", true, "c"), me.etag()), 200));
        assertEquals(
                List.of(get, "DynamoDb:UpdateItem"),
                calls(
                        () -> api.requestUpload("counted", "{\"contentType\":\"image/webp\",\"contentLength\":100}"),
                        201));
        assertEquals(List.of(get, get, transact), calls(() -> api.deletePhoto("counted"), 204));
        assertEquals(
                List.of(), calls(() -> api.putMe("counted", "{\"name\":1}", null), 400), "bad input costs nothing");
    }
}
