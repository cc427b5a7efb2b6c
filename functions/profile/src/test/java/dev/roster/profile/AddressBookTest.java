package dev.roster.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.emulator.LocalAws;
import dev.roster.junit.WithLocalAws;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contact details on a profile page and in its vCard: shown to members only once the owner opts in. */
@WithLocalAws
class AddressBookTest {
    private static final String PROFILE = """
            {"name":"Nia Okoro","organisation":"Harbour Lab","location":"Lagos","website":"https://nia.example.org",
             "bio":"Maps, bikes; and tea","tags":["maps","cycling"],"visible":true,"email":"sign-in@private.example",
             "contactEmail":"nia@work.example","contactPhone":"+234 (803) 555-0101","showContact":%s}""";

    @Test
    void contactDetailsAreKeptButNotShownUntilTheOwnerOptsIn(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        ProfileApi.Response created = api.putMe("nia-private", PROFILE.formatted(false), null);
        assertEquals(201, created.status(), created.body());
        Map<String, Object> mine = api.getMe("nia-private").json();
        assertEquals("nia@work.example", mine.get("contactEmail"));
        assertEquals("+2348035550101", mine.get("contactPhone"), "E.164, separators dropped");
        assertEquals(false, mine.get("showContact"));
        String id = (String) mine.get("id");

        ProfileApi.Response page = api.getProfile("reader", id);
        assertEquals(200, page.status());
        assertNull(page.json().get("contact"));
        assertFalse(page.body().contains("nia@work.example") || page.body().contains("2348035550101"), page.body());
        String card = api.getVCard("reader", id).body();
        assertFalse(card.contains("EMAIL") || card.contains("TEL"), card);
    }

    @Test
    void anOptedInProfileShowsItsContactOnItsPageAndInItsVCard(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        assertEquals(201, api.putMe("nia", PROFILE.formatted(true), null).status());
        String id = (String) api.getMe("nia").json().get("id");

        ProfileApi.Response page = api.getProfile("reader", id);
        assertEquals(
                Map.of("contactEmail", "nia@work.example", "contactPhone", "+2348035550101"),
                page.json().get("contact"));
        assertFalse(page.body().contains("sign-in@private.example"), "the sign-in e-mail stays private");

        ProfileApi.Response vcard = api.getVCard("reader", id);
        assertEquals(200, vcard.status(), vcard.body());
        assertEquals("text/vcard; charset=utf-8", vcard.headers().get("content-type"));
        assertEquals(
                "attachment; filename=\"Nia Okoro.vcf\"; filename*=UTF-8''Nia%20Okoro.vcf",
                vcard.headers().get("content-disposition"));
        String card = vcard.body();
        assertTrue(card.startsWith("BEGIN:VCARD\r\nVERSION:4.0\r\n"), card);
        assertTrue(card.endsWith("END:VCARD\r\n"), card);
        for (String line : new String[] {
            "FN:Nia Okoro",
            "ORG:Harbour Lab",
            "ADR:;;;Lagos;;;",
            "EMAIL:nia@work.example",
            "TEL;VALUE=uri:tel:+2348035550101",
            "URL:https://nia.example.org",
            "CATEGORIES:maps,cycling",
            "NOTE:Maps\\, bikes\\; and tea"
        }) {
            assertTrue(card.contains("\r\n" + line + "\r\n"), line + " in " + card);
        }
        assertFalse(card.contains("private.example"), card);
    }

    @Test
    void aHiddenProfileHasNoVCardForOthers(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        assertEquals(
                201,
                api.putMe("quiet", PROFILE.formatted(true).replace("\"visible\":true", "\"visible\":false"), null)
                        .status());
        String id = (String) api.getMe("quiet").json().get("id");
        assertEquals(404, api.getVCard("reader", id).status());
        assertEquals(200, api.getVCard("quiet", id).status(), "its owner still gets it");
    }

    @Test
    void badContactDetailsAreA400SayingWhatToFix(LocalAws aws) {
        ProfileApi api = new ProfileApi(aws);
        ProfileApi.Response bad = api.putMe("typo", """
                {"name":"Typo","contactEmail":"not an address","contactPhone":"0803 555 0101","showContact":true}""", null);
        assertEquals(400, bad.status());
        assertTrue(
                bad.errorMessage().contains("contactEmail: 'not an address' is not an e-mail address"),
                bad.errorMessage());
        assertTrue(
                bad.errorMessage().contains("contactPhone: '0803 555 0101' is not an international number"),
                bad.errorMessage());
        ProfileApi.Response nothing = api.putMe("typo", "{\"name\":\"Typo\",\"showContact\":true}", null);
        assertEquals(400, nothing.status());
        assertTrue(nothing.errorMessage().contains("showContact: there is nothing to show"), nothing.errorMessage());
        assertEquals(404, api.getMe("typo").status(), "nothing was saved");
    }
}
