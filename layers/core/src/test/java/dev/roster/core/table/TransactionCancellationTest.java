package dev.roster.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.profile.Contact;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.table.ProfileTable.Write;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Only a cancellation that a retry can get past becomes {@link Write.Contended} (which the API answers "send
 * the request again"); a failed condition is {@link Write.ConditionFailed}; anything else is a bug that
 * must surface, or a client that obeys the answer retries for ever.
 */
@WithLocalAws
class TransactionCancellationTest {
    @Test
    void aConflictWithAnotherTransactionOrThrottlingIsContention() {
        for (String code : List.of(
                "TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded")) {
            assertInstanceOf(Write.Contended.class, ProfileTable.cancelled(cancelledFor("None", code, "None")), code);
        }
    }

    @Test
    void aFailedConditionIsSomeoneElsesWrite() {
        assertInstanceOf(
                Write.ConditionFailed.class, ProfileTable.cancelled(cancelledFor("ConditionalCheckFailed", "None")));
        assertInstanceOf(
                Write.ConditionFailed.class,
                ProfileTable.cancelled(cancelledFor("TransactionConflict", "ConditionalCheckFailed")));
    }

    @Test
    void anyOtherReasonIsABugThatNamesTheReason() {
        for (String code : List.of("ValidationError", "ItemCollectionSizeLimitExceeded")) {
            IllegalStateException bug = assertThrows(
                    IllegalStateException.class, () -> ProfileTable.cancelled(cancelledFor("None", code)), code);
            assertTrue(bug.getMessage().contains(code), bug.getMessage());
        }
        assertThrows(
                IllegalStateException.class,
                () -> ProfileTable.cancelled(cancelledFor("ConditionalCheckFailed", "ValidationError")),
                "a validation error fails again whatever else happened");
        assertThrows(
                IllegalStateException.class,
                () -> ProfileTable.cancelled(
                        TransactionCanceledException.builder().build()),
                "no reasons at all is not contention either");
    }

    /**
     * The case that made a client retry for ever: text the table cannot store (half a surrogate pair, which
     * validation refuses before any write) reached the transaction, and the emulator cancelled it with a
     * UnicodeEncodeError as the reason.
     */
    @Test
    void textTheTableCannotStoreIsNotPassedOffAsContention(LocalAws aws) {
        ProfileTable table = new ProfileTable(aws.dynamoDb(), aws.physicalName("ProfilesTable"), "main");
        ProfileInput unstorable = new ProfileInput("Broken \ud83d", "", "", "", "", "", List.of(), true, Contact.NONE);
        IllegalStateException bug =
                assertThrows(IllegalStateException.class, () -> table.create("sub-1", "AAAAAAAA", unstorable));
        assertTrue(bug.getMessage().contains("no retry can fix"), bug.getMessage());
        assertEquals(java.util.Optional.empty(), table.ownedProfileId("sub-1"), "nothing was written");
    }

    private static TransactionCanceledException cancelledFor(String... codes) {
        return TransactionCanceledException.builder()
                .message("Transaction cancelled")
                .cancellationReasons(Arrays.stream(codes)
                        .map(code -> CancellationReason.builder()
                                .code(code)
                                .message(code.equals("None") ? null : code + " happened")
                                .build())
                        .toList())
                .build();
    }
}
