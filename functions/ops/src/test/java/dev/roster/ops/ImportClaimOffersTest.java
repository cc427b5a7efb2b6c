package dev.roster.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.core.table.Claims;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** An imported profile is offered to the member with its e-mail address; a changed address moves the offer. */
@WithLocalAws
class ImportClaimOffersTest {
    @Test
    void anImportedAddressCanClaimItsProfileAndAChangedAddressMovesTheOffer(LocalAws aws) {
        Community community = new Community(aws);
        OpsHandler ops = new OpsHandler(community.opsEnvironment());
        Claims claims =
                new Claims(aws.dynamoDb(), aws.physicalName("ProfilesTable"), Community.COMMUNITY, Clock.systemUTC());
        put(aws, community, "imports/a.csv", "importId,name,email\nK1,Katherine,kj@example.org\nK2,Dorothy,\n");
        assertEquals(
                2,
                ops.handleRequest(Map.of("job", "import", "key", "imports/a.csv", "perSecond", 1000), null)
                        .get("created"));

        put(aws, community, "imports/b.csv", "importId,name,email\nK1,Katherine,Katherine@Example.org\n");
        assertEquals(
                1,
                ops.handleRequest(Map.of("job", "import", "key", "imports/b.csv", "perSecond", 1000), null)
                        .get("updated"));

        assertEquals(
                new Claims.Outcome.NothingToClaim(),
                claims.claim("old-address", "kj@example.org"),
                "the address the import replaced no longer claims");
        Claims.Outcome claimed = claims.claim("katherine-sub", "katherine@example.org");
        assertEquals(Claims.Outcome.Claimed.class, claimed.getClass());

        Map<String, Object> again =
                ops.handleRequest(Map.of("job", "import", "key", "imports/b.csv", "perSecond", 1000), null);
        assertEquals(1, again.get("skipped"), "a claimed profile is its member's: the import leaves it alone");
        assertEquals(
                new Claims.Outcome.NothingToClaim(),
                claims.claim("someone-else", "katherine@example.org"),
                "nor does it offer it again");
    }

    private static void put(LocalAws aws, Community community, String key, String csv) {
        aws.s3()
                .putObject(
                        b -> b.bucket(community.uploadsBucket()).key(key),
                        RequestBody.fromString(csv, StandardCharsets.UTF_8));
    }
}
