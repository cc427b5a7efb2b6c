package dev.roster.list;

import dev.roster.core.Env;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.SdkCalls;
import dev.roster.junit.WithLocalAws;
import dev.roster.profile.ProfileHandler;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SnapStart priming runs the request code before the snapshot, and calls no AWS service while doing it. */
@WithLocalAws
class PrimingTest {
    @Test
    void primingTheHandlersMakesNoAwsCall(LocalAws aws) {
        ListProfilesHandler list = new ListProfilesHandler(new Env(aws.functionEnvironment("ListProfilesFunction",
                Map.of("CURSOR_SECRET", "s"))));
        ProfileHandler profile = new ProfileHandler(new Env(aws.functionEnvironment("ProfileFunction", Map.of())));
        SdkCalls.reset();
        list.beforeCheckpoint(null);
        profile.beforeCheckpoint(null);
        assertEquals(List.of(), SdkCalls.recorded());
    }
}
