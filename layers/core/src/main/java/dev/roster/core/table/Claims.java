package dev.roster.core.table;

import static dev.roster.core.table.ItemAttributes.CLAIMABLE_PROFILE_IDS;
import static dev.roster.core.table.ItemAttributes.OWNED_PROFILE_ID;
import static dev.roster.core.table.ItemAttributes.OWNER_SUB;
import static dev.roster.core.table.ItemAttributes.VERSION;

import dev.roster.core.profile.MemberEmail;
import dev.roster.core.profile.Profile;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Claiming imported profiles. An import offers each unclaimed profile that has an e-mail address under a claim
 * pointer ({@link Keys#claimPk}); a member whose token carries that address, verified, becomes the profile's
 * owner on their first request, in one transaction that creates their owner pointer (at most one per member),
 * sets the profile's owner (at most one per profile, and only on the version read) and withdraws the offer.
 * Concurrent first requests race on those conditions: exactly one transaction passes.
 */
public final class Claims {
    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String community;
    private final Clock clock;

    public Claims(DynamoDbClient dynamoDb, String tableName, String community, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.community = community;
        this.clock = clock;
    }

    /** What a claim came to. */
    public sealed interface Outcome {
        /** The member owns {@code profileId} now (by this request or by a concurrent one of theirs). */
        record Claimed(String profileId) implements Outcome {}

        /** No unclaimed imported profile carries the address. */
        record NothingToClaim() implements Outcome {}

        /** {@code count} unclaimed imported profiles carry the address: claiming one would be a guess, so none is. */
        record Ambiguous(int count) implements Outcome {}
    }

    /** Offers an imported, unclaimed profile to the member with {@code email} (idempotent; no address, no offer). */
    public void offer(String email, String profileId) {
        change(email, profileId, "ADD");
    }

    /** Withdraws an offer, e.g. when the import changed the profile's address (idempotent). */
    public void withdraw(String email, String profileId) {
        change(email, profileId, "DELETE");
    }

    private void change(String email, String profileId, String action) {
        if (MemberEmail.normalised(email).isEmpty()) {
            return;
        }
        dynamoDb.updateItem(b -> b.tableName(tableName)
                .key(pointerKey(email))
                .updateExpression(action + " #ids :id")
                .expressionAttributeNames(Map.of("#ids", CLAIMABLE_PROFILE_IDS))
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromSs(List.of(profileId)))));
    }

    /**
     * Makes {@code sub} the owner of the one unclaimed imported profile whose address is {@code verifiedEmail}.
     * The caller has checked that the subject owns no profile and that the token says the address is verified.
     */
    public Outcome claim(String sub, String verifiedEmail) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Map<String, AttributeValue> pointer = dynamoDb.getItem(
                            b -> b.tableName(tableName).consistentRead(true).key(pointerKey(verifiedEmail)))
                    .item();
            AttributeValue ids = pointer == null ? null : pointer.get(CLAIMABLE_PROFILE_IDS);
            if (ids == null || !ids.hasSs() || ids.ss().isEmpty()) {
                return nothingUnlessClaimedConcurrently(sub);
            }
            // the pointer may still name a profile whose address changed or that was claimed: check each one
            List<Map<String, AttributeValue>> candidates = new ArrayList<>();
            for (String id : ids.ss()) {
                profileItem(id).filter(item -> claimable(item, verifiedEmail)).ifPresent(candidates::add);
            }
            if (candidates.size() > 1) {
                return new Outcome.Ambiguous(candidates.size());
            }
            if (candidates.isEmpty()) {
                return nothingUnlessClaimedConcurrently(sub);
            }
            Profile profile = ProfileItems.profile(candidates.getFirst());
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(claimActions(sub, verifiedEmail, profile)));
                return new Outcome.Claimed(profile.id());
            } catch (TransactionCanceledException lostRace) {
                // a failed condition or a conflicting transaction is a lost race; any other reason is a bug, thrown
                ProfileTable.cancelled(lostRace);
                Optional<String> owned = ownedProfileId(sub);
                if (owned.isPresent()) {
                    return new Outcome.Claimed(owned.get()); // a concurrent request of the same member claimed it
                }
                // someone else claimed it, or the import changed it meanwhile: look again
            }
        }
        return nothingUnlessClaimedConcurrently(sub);
    }

    /**
     * Nothing is left to claim, but the offer may be gone because a concurrent first request of the same member
     * (another tab, a retry) has just claimed it: that request's transaction wrote the owner pointer together
     * with withdrawing the offer, so a consistent read of the pointer tells the two apart.
     */
    private Outcome nothingUnlessClaimedConcurrently(String sub) {
        return ownedProfileId(sub).<Outcome>map(Outcome.Claimed::new).orElseGet(Outcome.NothingToClaim::new);
    }

    /**
     * The owner pointer, the profile's owner and the claim on it (when, and that its owner has yet to check it:
     * {@link ProfileItems#claimAttributes}; the profile item is the one place that says so), and the withdrawn
     * offer.
     */
    private List<TransactWriteItem> claimActions(String sub, String email, Profile profile) {
        Map<String, AttributeValue> owner = key(Keys.ownerPk(community, sub), Keys.OWNER_SK);
        owner.put(OWNED_PROFILE_ID, AttributeValue.fromS(profile.id()));
        ItemUpdate claimed = new ItemUpdate(key(Keys.profilePk(community, profile.id()), Keys.PROFILE_SK))
                .set(OWNER_SUB, AttributeValue.fromS(sub))
                .set(VERSION, AttributeValue.fromN(Long.toString(profile.version() + 1)))
                .setAll(ProfileItems.claimAttributes(clock.instant()));
        claimed.when(claimed.absent(OWNER_SUB)).whenVersion(profile.version());
        return List.of(
                TransactWriteItem.builder()
                        .put(p -> p.tableName(tableName).item(owner).conditionExpression("attribute_not_exists(PK)"))
                        .build(),
                claimed.transactItem(tableName),
                TransactWriteItem.builder()
                        .update(u -> u.tableName(tableName)
                                .key(pointerKey(email))
                                .updateExpression("DELETE #ids :id")
                                .expressionAttributeNames(Map.of("#ids", CLAIMABLE_PROFILE_IDS))
                                .expressionAttributeValues(Map.of(":id", AttributeValue.fromSs(List.of(profile.id())))))
                        .build());
    }

    private static boolean claimable(Map<String, AttributeValue> item, String email) {
        Profile profile = ProfileItems.profile(item);
        return profile.ownerSub().isEmpty() && MemberEmail.same(profile.email(), email);
    }

    private Optional<Map<String, AttributeValue>> profileItem(String profileId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                        .consistentRead(true)
                        .key(key(Keys.profilePk(community, profileId), Keys.PROFILE_SK)))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private Optional<String> ownedProfileId(String sub) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                        .consistentRead(true)
                        .key(key(Keys.ownerPk(community, sub), Keys.OWNER_SK)))
                .item();
        return item == null || item.isEmpty()
                ? Optional.empty()
                : Optional.of(item.get(OWNED_PROFILE_ID).s());
    }

    private Map<String, AttributeValue> pointerKey(String email) {
        return key(Keys.claimPk(community, MemberEmail.digest(email)), Keys.CLAIM_SK);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(Keys.PK, AttributeValue.fromS(pk));
        key.put(Keys.SK, AttributeValue.fromS(sk));
        return key;
    }
}
