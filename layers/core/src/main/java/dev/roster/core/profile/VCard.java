package dev.roster.core.profile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A profile as a vCard 4.0 (RFC 6350) for "Add to contacts": exactly what its page shows a signed-in member —
 * name, organisation, location, website, bio, tags, the shown contact details and the detail photo as a URL.
 */
public final class VCard {
    public static final String CONTENT_TYPE = "text/vcard; charset=utf-8";
    /** RFC 6350 3.2: lines longer than 75 octets should be folded. */
    private static final int MAX_LINE_OCTETS = 75;

    private VCard() {}

    /** The card, with CRLF line ends and folded lines. */
    public static String of(Profile profile) {
        List<String> lines = new ArrayList<>();
        lines.add("BEGIN:VCARD");
        lines.add("VERSION:4.0");
        lines.add("UID:urn:roster:profile:" + profile.id());
        lines.add("FN:" + text(profile.name()));
        if (!profile.organisation().isEmpty()) {
            lines.add("ORG:" + text(profile.organisation()));
        }
        if (!profile.location().isEmpty()) {
            // the location is free text: the locality component of an address is the closest field
            lines.add("ADR:;;;" + text(profile.location()) + ";;;");
        }
        Contact contact = profile.contact();
        if (contact.shown() && !contact.email().isEmpty()) {
            lines.add("EMAIL:" + text(contact.email()));
        }
        if (contact.shown() && !contact.phone().isEmpty()) {
            lines.add("TEL;VALUE=uri:tel:" + contact.phone());
        }
        if (!profile.website().isEmpty()) {
            lines.add("URL:" + profile.website());
        }
        if (profile.photo() != null && !profile.photo().detail2x().isEmpty()) {
            lines.add("PHOTO:" + profile.photo().detail2x());
        }
        if (!profile.tags().isEmpty()) {
            lines.add("CATEGORIES:"
                    + String.join(",", profile.tags().stream().map(VCard::text).toList()));
        }
        if (!profile.bio().isEmpty()) {
            lines.add("NOTE:" + text(profile.bio()));
        }
        lines.add("END:VCARD");
        StringBuilder card = new StringBuilder();
        for (String line : lines) {
            card.append(fold(line)).append("\r\n");
        }
        return card.toString();
    }

    /** A file name for the download: the member's name, kept to letters, digits and a few safe marks. */
    public static String fileName(Profile profile) {
        String safe = profile.name().replaceAll("[^\\p{L}\\p{N} ._-]", "").strip();
        return (safe.isEmpty() ? "contact" : safe) + ".vcf";
    }

    /** RFC 6350 3.4: backslash, comma, semicolon and line breaks escaped in text values. */
    static String text(String value) {
        return value.replace("\\", "\\\\")
                .replace(",", "\\,")
                .replace(";", "\\;")
                .replace("\r\n", "\\n")
                .replace("\n", "\\n")
                .replace("\r", "\\n");
    }

    /** Folds a line at 75 octets (CRLF then a space), never inside a UTF-8 character. */
    static String fold(String line) {
        StringBuilder out = new StringBuilder();
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int size = character.getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MAX_LINE_OCTETS) {
                out.append("\r\n ");
                octets = 1;
            }
            out.append(character);
            octets += size;
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }
}
