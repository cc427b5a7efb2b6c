package dev.roster.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.http.ApiException;
import dev.roster.core.json.Json;
import dev.roster.core.table.ProfileItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileRulesTest {
    @Test
    void foldingIgnoresCaseAccentsAndSpacing() {
        assertEquals("zoe olafsdottir", SearchText.fold("  Zoë   ÓLAFSDÓTTIR "));
        assertEquals("fi", SearchText.fold("ﬁ"), "compatibility forms fold too");
        assertEquals("", SearchText.fold(null));
    }

    @Test
    void tagsAreLowerCasedTrimmedAndDeduplicatedInOrder() {
        List<String> problems = new ArrayList<>();
        assertEquals(
                List.of("java", "ice climbing", "c++"),
                Tags.normaliseAll(List.of(" Java ", "ICE   climbing", "java", "C++"), problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void whiteSpaceInsideATagIsOneSpace() {
        assertEquals("tab here", Tags.normalise("tab\there"));
    }

    @Test
    void aTagThatCouldBreakAKeyIsRefused() {
        for (String bad : List.of("a#b", "a,b", "", "   ", "x".repeat(41), "emoji 🎉")) {
            List<String> problems = new ArrayList<>();
            Tags.normaliseAll(List.of(bad), problems);
            assertEquals(1, problems.size(), "'" + bad + "'");
        }
    }

    @Test
    void theSortNameNeverContainsTheKeySeparator() {
        assertEquals("we are  1", ProfileItems.sortName("We are #1"));
        assertFalse(ProfileItems.sortName("a#b#c").contains("#"));
    }

    @Test
    void theSearchTextKeepsFieldsApartSoAQueryCannotSpanTwo() {
        String search = ProfileItems.searchText("Ada", "Lovelace Ltd", "", List.of("java"));
        assertTrue(search.contains("lovelace ltd"));
        assertFalse(search.contains("ada lovelace"), search);
    }

    @Test
    void theAvatarIsInitialsOnAStableColour() {
        Avatar ada = Avatar.of("abcdefgh", "ada king lovelace");
        assertEquals("AL", ada.initials());
        assertEquals(ada, Avatar.of("abcdefgh", "Ada King Lovelace"));
        assertTrue(ada.colour().matches("#[0-9a-f]{6}"));
        assertEquals("Z", Avatar.of("x", "zoë").initials());
        assertEquals("?", Avatar.of("x", "").initials());
    }

    @Test
    void whiteInitialsReachAaContrastOnEveryColourOfThePalette() {
        assertEquals(360, Avatar.PALETTE.size());
        for (int hue = 0; hue < 360; hue++) {
            String colour = Avatar.PALETTE.get(hue);
            double contrast = whiteContrast(colour);
            assertTrue(contrast >= 4.5, "hue " + hue + ": white on " + colour + " is " + contrast + ":1");
        }
        // the yellow-green that used to be chosen (2.7:1) is no longer in it
        assertFalse(Avatar.PALETTE.contains("#90a630"));
        for (String id : List.of("abcdefgh", "x", "0f3c9a2b7e", "zzzzzzzz")) {
            assertTrue(Avatar.PALETTE.contains(Avatar.of(id, "A").colour()), id);
        }
    }

    /** WCAG 2 relative luminance contrast of white text on #rrggbb, computed here independently of Avatar. */
    private static double whiteContrast(String hex) {
        double[] linear = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            linear[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        double luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
        return (1.0 + 0.05) / (luminance + 0.05);
    }

    @Test
    void contactPhonesAreE164AndEmailsRealAddresses() {
        ProfileInput ok = ProfileInput.fromJson(
                Json.parseObject(
                        "{\"name\":\"A\",\"contactEmail\":\" a.b+c@mail.example.org \",\"contactPhone\":\"+1 (415) 555-0100\",\"showContact\":true}"));
        assertEquals(new Contact("a.b+c@mail.example.org", "+14155550100", true), ok.contact());
        assertEquals(
                Contact.NONE,
                ProfileInput.fromJson(Json.parseObject("{\"name\":\"A\"}")).contact(),
                "nothing shown by default");
        for (String phone :
                List.of("4155550100", "+0 415 555 0100", "+1 415 555 0100 0000 1", "+44 7700 900123 ext 4", "+12")) {
            ApiException e = assertThrows(
                    ApiException.class,
                    () -> ProfileInput.fromJson(
                            Json.parseObject("{\"name\":\"A\",\"contactPhone\":\"" + phone + "\"}")),
                    phone);
            assertTrue(
                    e.getMessage().contains("contactPhone: '" + phone + "' is not an international number"),
                    e.getMessage());
        }
        for (String email : List.of("a@b", "a b@example.org", "@example.org", "a@-example.org", "a@example..org")) {
            ApiException e = assertThrows(
                    ApiException.class,
                    () -> ProfileInput.fromJson(
                            Json.parseObject("{\"name\":\"A\",\"contactEmail\":\"" + email + "\"}")),
                    email);
            assertTrue(e.getMessage().contains("contactEmail: "), e.getMessage());
        }
    }

    @Test
    void emojiSequencesAreTextButBidiOverridesAreNot() {
        ProfileInput ok = ProfileInput.fromJson(Json.parseObject("{\"name\":\"Dev 👩‍💻\"}"));
        assertEquals("Dev 👩‍💻", ok.name());
        ApiException e = assertThrows(
                ApiException.class, () -> ProfileInput.fromJson(Json.parseObject("{\"name\":\"evil\\u202Egnp.exe\"}")));
        assertTrue(e.getMessage().contains("control characters"), e.getMessage());
    }

    @Test
    void aWebsiteMustBeHttpOrHttpsWithAHost() {
        for (String bad : List.of("ftp://x.org", "javascript:alert(1)", "https://", "example.org", "http:// x")) {
            ApiException e = assertThrows(
                    ApiException.class, () -> ProfileInput.fromJson(Map.of("name", "A", "website", bad)), bad);
            assertTrue(e.getMessage().startsWith("website: "), e.getMessage());
        }
        assertEquals(
                "HTTPS://Example.org/a?b=c",
                ProfileInput.fromJson(Map.of("name", "A", "website", "HTTPS://Example.org/a?b=c"))
                        .website());
    }

    @Test
    void halfASurrogatePairIsRefusedInEveryTextFieldAndAWholePairIsText() {
        for (String field : List.of("name", "organisation", "location", "bio", "email")) {
            String body = field.equals("name")
                    ? "{\"name\":\"x \\ud83d y\"}"
                    : "{\"name\":\"Ada\",\"" + field + "\":\"x \\ud83d y\"}";
            ApiException e =
                    assertThrows(ApiException.class, () -> ProfileInput.fromJson(Json.parseObject(body)), field);
            assertEquals(400, e.error().status());
            assertTrue(e.getMessage().startsWith(field + ": contains half of a UTF-16 surrogate pair"), e.getMessage());
        }
        ApiException lowHalf = assertThrows(
                ApiException.class, () -> ProfileInput.fromJson(Json.parseObject("{\"name\":\"\\ude00 Ada\"}")));
        assertTrue(lowHalf.getMessage().contains("surrogate"), lowHalf.getMessage());
        List<String> problems = new ArrayList<>();
        Tags.normaliseAll(List.of("java\ud83d"), problems);
        assertEquals(1, problems.size(), "a tag with half a pair is refused too");
        assertTrue(problems.getFirst().contains("surrogate"), problems.getFirst());
        assertEquals(
                "Ada \ud83d\ude00",
                ProfileInput.fromJson(Json.parseObject("{\"name\":\"Ada \\ud83d\\ude00\"}"))
                        .name());
    }

    @Test
    void aTagIsLettersWithTheirMarksAfterUnicodeLowerCasing() {
        assertEquals(
                "i\u0307stanbul", Tags.normalise("İstanbul"), "İ lower-cases to i and a combining dot, both letters");
        assertEquals(Tags.normalise("i\u0307stanbul"), Tags.normalise("İSTANBUL"), "one tag, however it was typed");
        assertEquals("café", Tags.normalise("Cafe\u0301"), "composed (NFC)");
        assertEquals("straße", Tags.normalise("STRAßE"));
    }

    @Test
    void aFocalPointOfTheWrongJsonTypeIsNamedInJsonsWordsNotJavas() {
        Map<String, Object> body = Json.parseObject("{\"p\":[1,2],\"q\":{\"x\":[0.5],\"y\":0.5},"
                + "\"r\":{\"x\":{},\"y\":0.5},\"s\":{\"x\":0.5,\"y\":false}}");
        Map<String, String> expected = Map.of(
                "p",
                "focalPoint must be an object {\"x\": 0..1, \"y\": 0..1}",
                "q",
                "focalPoint.x must be a number from 0 to 1, not an array",
                "r",
                "focalPoint.x must be a number from 0 to 1, not an object",
                "s",
                "focalPoint.y must be a number from 0 to 1, not false");
        expected.forEach((key, message) -> {
            ApiException e = assertThrows(ApiException.class, () -> FocalPoint.fromJson("focalPoint", body.get(key)));
            assertTrue(e.getMessage().startsWith(message), key + " -> " + e.getMessage());
            for (String javaName : List.of("ArrayList", "DeferredMap", "Boolean", "LinkedHashMap")) {
                assertFalse(e.getMessage().contains(javaName), e.getMessage());
            }
        });
        assertTrue(assertThrows(ApiException.class, () -> FocalPoint.fromJson("focalPoint", body.get("p")))
                .getMessage()
                .endsWith("not an array"));
    }

    @Test
    void lengthsCountWhatWasSentAndWhatStrippingWouldDropIsCheckedToo() {
        ApiException tooLong =
                assertThrows(ApiException.class, () -> ProfileInput.fromJson(Map.of("name", "a".repeat(99) + "  ")));
        assertTrue(tooLong.getMessage().contains("name: 101 characters; at most 100"), tooLong.getMessage());
        ApiException control =
                assertThrows(ApiException.class, () -> ProfileInput.fromJson(Map.of("name", "Ada\u001f")));
        assertTrue(control.getMessage().contains("control characters"), control.getMessage());
        ApiException lineBreak = assertThrows(ApiException.class, () -> ProfileInput.fromJson(Map.of("name", "Ada\n")));
        assertTrue(lineBreak.getMessage().contains("single line"), lineBreak.getMessage());
        ApiException blank = assertThrows(ApiException.class, () -> ProfileInput.fromJson(Map.of("name", "\u3000 ")));
        assertTrue(blank.getMessage().startsWith("name: required"), blank.getMessage());
        assertEquals("Ada", ProfileInput.fromJson(Map.of("name", " Ada\u2003")).name());
    }

    @Test
    void anEmptyWebsiteIsNoneAndOneWithoutAHostOrWithSpacesIsRefused() {
        assertEquals(
                "", ProfileInput.fromJson(Map.of("name", "A", "website", "")).website());
        assertEquals(
                "", ProfileInput.fromJson(Map.of("name", "A", "website", "  ")).website());
        for (String bad :
                List.of("HTTP://", "https://a b", "https://a\u00a0b", "https://exa\"mple.org", "https://a/<b>")) {
            ApiException e = assertThrows(
                    ApiException.class, () -> ProfileInput.fromJson(Map.of("name", "A", "website", bad)), bad);
            assertTrue(e.getMessage().startsWith("website: "), e.getMessage());
        }
        assertEquals(
                "https://exämple.org/ü?q=1#top",
                ProfileInput.fromJson(Map.of("name", "A", "website", " https://exämple.org/ü?q=1#top "))
                        .website());
    }

    @Test
    void moreThanTwentyTagsAreRefusedAsSentAndEachTagsLengthCountsAsSent() {
        List<String> problems = new ArrayList<>();
        Tags.normaliseAll(java.util.Collections.nCopies(21, "java"), problems);
        assertEquals(List.of("tags: at most 20 tags, got 21"), problems);
        problems.clear();
        Tags.normaliseAll(List.of(" ".repeat(38) + "abc"), problems);
        assertEquals(1, problems.size(), "41 characters as sent");
        assertEquals("i\u0307".repeat(25), Tags.normalise("İ".repeat(25)), "lower-casing may make it longer than 40");
        assertEquals("tab here", Tags.normalise("\tTab\nhere "));
        problems.clear();
        Tags.normaliseAll(List.of("\u3000java"), problems);
        assertEquals(1, problems.size(), "only ASCII white space is trimmed: " + problems);
    }
}
