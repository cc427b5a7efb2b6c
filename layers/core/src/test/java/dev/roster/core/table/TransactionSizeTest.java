package dev.roster.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.roster.core.profile.Contact;
import dev.roster.core.profile.Profile;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.profile.SearchPhrases;
import dev.roster.core.profile.Tags;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The largest transaction a profile can make stays within DynamoDB's 100 actions: a rename that also swaps
 * every one of {@link Tags#MAX_TAGS_PER_PROFILE} tags and every search phrase (docs/design.md, <em>The
 * table</em>): 1 profile + 20 tag items deleted + 20 written + 40 counts + 9 phrases deleted + 9 written.
 */
@WithLocalAws
class TransactionSizeTest {
    @Test
    void theLargestChangeOfAProfileIsOneTransactionOfAtMost100Actions(LocalAws aws) {
        aws.useAsSdkDefault();
        List<Integer> sizes = new ArrayList<>();
        DynamoDbClient counting = DynamoDbClient.builder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof TransactWriteItemsRequest transaction) {
                            sizes.add(transaction.transactItems().size());
                        }
                    }
                }))
                .build();
        ProfileTable table = new ProfileTable(counting, aws.physicalName("ProfilesTable"), "main");
        ProfileInput before =
                input("Alpha Bravo Charlie Delta Echo", "Foxtrot Golf Hotel India", "Juliet Kilo Lima", "a");
        assertInstanceOf(ProfileTable.Creation.Created.class, table.create("sub-big", "BIGBIG01", before));
        Profile stored = table.read("BIGBIG01").orElseThrow();
        assertEquals(SearchPhrases.MAX_PHRASES, stored.searchKeys().size(), "every field at its cap");

        ProfileInput after =
                input("Mike November Oscar Papa Quebec", "Romeo Sierra Tango Uniform", "Victor Whiskey Xray", "b");
        assertInstanceOf(ProfileTable.Write.Done.class, table.update(stored, after));

        int expected =
                1 + 2 * Tags.MAX_TAGS_PER_PROFILE + 2 * Tags.MAX_TAGS_PER_PROFILE + 2 * SearchPhrases.MAX_PHRASES;
        assertEquals(99, expected);
        assertEquals(expected, sizes.getLast(), "profile, tags out and in, counts both ways, phrases out and in");
        assertEquals(
                SearchPhrases.MAX_PHRASES,
                table.read("BIGBIG01").orElseThrow().searchKeys().size());
    }

    private static ProfileInput input(String name, String organisation, String location, String tagPrefix) {
        List<String> tags = IntStream.range(0, Tags.MAX_TAGS_PER_PROFILE)
                .mapToObj(i -> tagPrefix + i)
                .toList();
        return new ProfileInput(name, organisation, location, "", "", "", tags, true, Contact.NONE);
    }
}
