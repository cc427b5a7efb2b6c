package dev.roster.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.PhotoStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class VCardTest {
    private static Profile profile(String bio, Contact contact, Photo photo) {
        return new Profile(
                "AbCdEfGh",
                "owner-sub",
                "Zoë Ólafsdóttir",
                "Reykjavík Labs",
                "Reykjavík",
                "https://zoe.example.org",
                bio,
                "private@example.org",
                List.of("ice climbing", "java"),
                true,
                3,
                PhotoStatus.READY,
                null,
                null,
                photo,
                Avatar.of("AbCdEfGh", "Zoë Ólafsdóttir"),
                "zoe olafsdottir",
                null,
                contact,
                null,
                List.of(),
                null);
    }

    @Test
    void longLinesAreFoldedAt75OctetsNeverInsideACharacter() {
        String bio = "Ísland ".repeat(40) + "\nand a second line, with; marks\\";
        String card = VCard.of(profile(bio, Contact.NONE, null));
        for (String line : card.split("\r\n")) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, line);
        }
        String unfolded = card.replace("\r\n ", "");
        assertTrue(
                unfolded.contains("NOTE:" + "Ísland ".repeat(40) + "\\nand a second line\\, with\\; marks\\\\\r\n"),
                unfolded);
        assertFalse(card.contains("\uFFFD"));
    }

    @Test
    void theContactAndPhotoAreThereOnlyWhenShownAndReady() {
        Photo photo = new Photo(
                "https://p/t1.jpg",
                "https://p/t2.jpg",
                "https://p/d1.jpg",
                "https://p/d2.jpg",
                "hash",
                "#123456",
                false,
                null,
                1,
                "upload-1",
                java.time.Instant.EPOCH);
        String shown = VCard.of(profile("", new Contact("zoe@work.example", "+3545551234", true), photo));
        assertTrue(shown.contains("\r\nEMAIL:zoe@work.example\r\n"), shown);
        assertTrue(shown.contains("\r\nTEL;VALUE=uri:tel:+3545551234\r\n"), shown);
        assertTrue(shown.contains("\r\nPHOTO:https://p/d2.jpg\r\n"), shown);
        assertFalse(shown.contains("NOTE"), "no empty bio");
        assertFalse(shown.contains("private@example.org"), "the sign-in e-mail is never in it");

        String kept = VCard.of(profile("", new Contact("zoe@work.example", "+3545551234", false), null));
        assertFalse(kept.contains("EMAIL") || kept.contains("TEL") || kept.contains("PHOTO"), kept);
        assertEquals("Zoë Ólafsdóttir.vcf", VCard.fileName(profile("", Contact.NONE, null)));
    }
}
