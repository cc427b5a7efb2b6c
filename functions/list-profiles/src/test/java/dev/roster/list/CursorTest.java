package dev.roster.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.emulator.LocalAws;
import dev.roster.junit.SdkCalls;
import dev.roster.junit.WithLocalAws;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A cursor is the server's word: altered, expired or foreign ones are 400s, and never reach DynamoDB. */
@WithLocalAws
class CursorTest {
    static Community community;

    @BeforeAll
    static void fill(LocalAws aws) {
        community = new Community(aws);
        for (int i = 0; i < 6; i++) {
            community.join("c" + i, Community.profile("Person " + i, "Org", true, List.of("a", "b")));
        }
    }

    private static String firstCursor(String query) {
        String next = community.page(query).next();
        assertNotNull(next);
        return next;
    }

    private static void assertRefused(Community.Page page, String messagePart) {
        assertEquals(400, page.status(), page.body());
        assertEquals("invalid_cursor", ((java.util.Map<?, ?>) page.json().get("error")).get("code"));
        assertTrue(page.errorMessage().contains(messagePart), page.errorMessage());
        assertFalse(page.body().contains("DynamoDb") || page.body().contains("Exception"), page.body());
    }

    @Test
    void aCursorIsUrlSafeAndContinuesItsQuery() {
        String cursor = firstCursor("limit=2");
        assertTrue(cursor.matches("[A-Za-z0-9_.-]+"), cursor);
        assertEquals(2, community.page("limit=2&cursor=" + cursor).items().size());
    }

    @Test
    void anAlteredCursorIsRefusedBeforeAnyQuery() {
        String cursor = firstCursor("limit=2");
        String payload = cursor.substring(0, cursor.indexOf('.'));
        String decoded = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        String forgedPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(decoded.replace("\"e\":1", "\"e\":2").getBytes(StandardCharsets.UTF_8));
        // the signature's first character carries six significant bits (its last may carry padding bits only)
        int signatureStart = cursor.indexOf('.') + 1;
        char first = cursor.charAt(signatureStart);
        String flipped =
                cursor.substring(0, signatureStart) + (first == 'A' ? 'B' : 'A') + cursor.substring(signatureStart + 1);
        SdkCalls.reset();
        assertRefused(
                community.page("limit=2&cursor=" + forgedPayload + cursor.substring(cursor.indexOf('.'))), "altered");
        assertRefused(community.page("limit=2&cursor=" + flipped), "altered");
        assertRefused(community.page("limit=2&cursor=not-a-cursor"), "altered");
        assertRefused(community.page("limit=2&cursor=%25%25%25.%25%25"), "malformed");
        assertRefused(community.page("limit=2&cursor=" + "A".repeat(3000)), "too long");
        assertEquals(List.of(), SdkCalls.recorded(), "nothing reached DynamoDB");
    }

    @Test
    void aCursorOfAnotherQueryIsRefused() {
        String tagA = firstCursor("limit=2&tag=a");
        assertRefused(community.page("limit=2&tag=b&cursor=" + tagA), "different query");
        assertRefused(community.page("limit=2&cursor=" + tagA), "different query");
        assertRefused(community.page("limit=2&tag=a&q=person&cursor=" + tagA), "different query");
        assertEquals(200, community.page("limit=5&tag=a&cursor=" + tagA).status(), "another page size is fine");
    }

    @Test
    void aCursorSignedWithAnotherSecretIsRefused(LocalAws aws) {
        String foreign = new Community(aws, Clock.systemUTC(), "another-deployment")
                .page("limit=2")
                .next();
        assertRefused(community.page("limit=2&cursor=" + foreign), "altered");
    }

    @Test
    void anExpiredCursorIsRefused(LocalAws aws) {
        String cursor = firstCursor("limit=2");
        Clock later = Clock.fixed(Instant.now().plus(Cursors.LIFETIME).plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        assertRefused(new Community(aws, later, Community.SECRET).page("limit=2&cursor=" + cursor), "expired");
    }
}
