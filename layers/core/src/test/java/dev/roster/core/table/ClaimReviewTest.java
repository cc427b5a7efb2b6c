package dev.roster.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.profile.Contact;
import dev.roster.core.profile.ImportClaim;
import dev.roster.core.profile.Profile;
import dev.roster.core.profile.ProfileInput;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A claimed import is the import's words until its member saves it once: the claim records when it was made and
 * that the member has yet to check it; their first save (and nothing else) marks it reviewed.
 */
@WithLocalAws
class ClaimReviewTest {
    private static final Instant CLAIMED_AT = Instant.parse("2026-11-30T09:15:00Z");
    private static final ProfileInput IMPORTED = new ProfileInput(
            "Ada Imported",
            "Analytical Engines",
            "London",
            "",
            "",
            "ada@example.org",
            List.of("maths"),
            true,
            Contact.NONE);

    private DynamoDbClient dynamoDb;
    private String tableName;
    private ProfileTable profiles;
    private Claims claims;

    @BeforeEach
    void setUp(LocalAws aws) {
        dynamoDb = aws.dynamoDb();
        tableName = aws.physicalName("ProfilesTable");
        profiles = new ProfileTable(dynamoDb, tableName, "main");
        claims = new Claims(dynamoDb, tableName, "main", Clock.fixed(CLAIMED_AT, ZoneOffset.UTC));
    }

    private Profile claimedImport(String importId, String profileId, String sub) {
        assertInstanceOf(ProfileTable.Write.Done.class, profiles.createImported(importId, profileId, IMPORTED));
        claims.offer(IMPORTED.email(), profileId);
        assertEquals(new Claims.Outcome.Claimed(profileId), claims.claim(sub, "ADA@example.org"));
        return profiles.read(profileId).orElseThrow();
    }

    @Test
    void aClaimedImportAwaitsItsOwnersReview() {
        Profile claimed = claimedImport("R1", "CLAIMRV1", "ada-sub");

        assertEquals(new ImportClaim(CLAIMED_AT, false), claimed.claimed());
        assertTrue(claimed.claimUnreviewed());
        assertEquals(
                Map.of("at", "2026-11-30T09:15:00Z", "reviewed", false),
                claimed.ownerJson().get("claimed"));
    }

    @Test
    void theOwnersFirstSaveMarksTheClaimReviewedAndKeepsWhenItWasMade() {
        Profile claimed = claimedImport("R2", "CLAIMRV2", "ada-sub-2");
        ProfileInput checked = new ProfileInput(
                "Ada Lovelace", "Analytical Engines", "London", "", "", "", List.of("maths"), false, Contact.NONE);

        ProfileTable.Write saved = profiles.update(claimed, checked);

        assertInstanceOf(ProfileTable.Write.Done.class, saved);
        Profile stored = profiles.read("CLAIMRV2").orElseThrow();
        assertEquals(new ImportClaim(CLAIMED_AT, true), stored.claimed());
        assertFalse(stored.claimUnreviewed());
        assertFalse(
                profileItem("CLAIMRV2").containsKey(ItemAttributes.CLAIM_REVIEW_PENDING), "the pending mark is gone");
        assertEquals(
                stored.claimed(),
                claimed.edited(checked, stored.sortName(), stored.version()).claimed(),
                "what the save answers is what a read afterwards says");
    }

    @Test
    void aNewPhotoIsNotAReviewOfWhatTheImportWrote() {
        claimedImport("R3", "CLAIMRV3", "ada-sub-3");

        profiles.requestPhoto("CLAIMRV3", "ada-sub-3", "upload-1", Optional.empty());

        assertTrue(profiles.read("CLAIMRV3").orElseThrow().claimUnreviewed());
    }

    @Test
    void aProfileItsMemberCreatedWasNeverClaimed() {
        assertInstanceOf(ProfileTable.Creation.Created.class, profiles.create("grace-sub", "OWNMADE1", IMPORTED));

        Profile own = profiles.read("OWNMADE1").orElseThrow();

        assertNull(own.claimed());
        assertTrue(own.ownerJson().containsKey("claimed"));
        assertNull(own.ownerJson().get("claimed"));
        assertFalse(own.publicJson().containsKey("claimed"));
    }

    @Test
    void theClaimStaysOnTheProfileItemOutOfEveryListedItem() {
        claimedImport("R4", "CLAIMRV4", "ada-sub-4");

        List<Map<String, AttributeValue>> tagItems = dynamoDb
                .query(b -> b.tableName(tableName)
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.tagPk("main", "maths")))))
                .items()
                .stream()
                .filter(item -> item.get(ItemAttributes.PROFILE_ID).s().equals("CLAIMRV4"))
                .toList();

        assertEquals(1, tagItems.size());
        assertFalse(tagItems.getFirst().containsKey(ItemAttributes.CLAIMED_AT));
        assertFalse(tagItems.getFirst().containsKey(ItemAttributes.CLAIM_REVIEW_PENDING));
        assertFalse(ItemAttributes.CARD.contains(ItemAttributes.CLAIMED_AT), "GSI1 projects the card only");
        assertFalse(ItemAttributes.CARD.contains(ItemAttributes.CLAIM_REVIEW_PENDING));
    }

    private Map<String, AttributeValue> profileItem(String profileId) {
        return dynamoDb.getItem(b -> b.tableName(tableName)
                        .consistentRead(true)
                        .key(ProfileTable.key(Keys.profilePk("main", profileId), Keys.PROFILE_SK)))
                .item();
    }
}
