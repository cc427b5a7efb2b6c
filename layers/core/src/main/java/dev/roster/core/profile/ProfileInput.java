package dev.roster.core.profile;

import dev.roster.core.http.ApiException;
import dev.roster.core.json.JsonFields;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a member may set on their profile ({@code PUT /me}), validated and normalised. A {@code PUT} replaces
 * every field: an absent optional field is empty afterwards, an absent {@code visible} is {@code false}, absent
 * contact details are none (and not shown).
 */
public record ProfileInput(
        String name,
        String organisation,
        String location,
        String website,
        String bio,
        String email,
        List<String> tags,
        boolean visible,
        Contact contact) {
    public static final int MAX_NAME_CHARS = 100;
    public static final int MAX_ORGANISATION_CHARS = 120;
    public static final int MAX_LOCATION_CHARS = 120;
    public static final int MAX_WEBSITE_CHARS = 300;
    public static final int MAX_BIO_CHARS = 2000;
    public static final int MAX_EMAIL_CHARS = 254;
    public static final Set<String> FIELDS = Set.of(
            "name",
            "organisation",
            "location",
            "website",
            "bio",
            "email",
            "tags",
            "visible",
            "contactEmail",
            "contactPhone",
            "showContact");

    /** Control characters and bidi overrides (which can disguise text); joiners stay, emoji sequences need them. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069&&[^\\n\\t]]");

    private static final Pattern LINE_BREAK = Pattern.compile("[\\n\\t]");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    /**
     * White space by Java's Unicode definition plus what a URL may not hold unescaped ({@code " < > \ ^ ` { | }});
     * spelled out because openapi.yaml states the same pattern for other regex engines.
     */
    private static final String NOT_IN_URL =
            "/?#\"<>\\\\^`{|} \\t\\n\\x0B\\f\\r\\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
    /** http or https, a host, then optionally a path, query or fragment. */
    private static final Pattern WEBSITE = Pattern.compile(
            "[hH][tT][tT][pP][sS]?://[^" + NOT_IN_URL + "]+([/?#][^" + NOT_IN_URL.substring(3) + "]*)?");

    public ProfileInput {
        tags = List.copyOf(tags);
        contact = contact == null ? Contact.NONE : contact;
    }

    /** Reads and checks a {@code PUT /me} body; every problem is listed in one 400 message. */
    public static ProfileInput fromJson(Map<String, Object> body) {
        JsonFields fields = new JsonFields(body, FIELDS);
        List<String> problems = new ArrayList<>();
        String name = line("name", fields.string("name"), MAX_NAME_CHARS, problems);
        if (name.isEmpty() && problems.isEmpty()) {
            problems.add("name: required, 1 to " + MAX_NAME_CHARS + " characters");
        }
        String organisation = line("organisation", fields.string("organisation"), MAX_ORGANISATION_CHARS, problems);
        String location = line("location", fields.string("location"), MAX_LOCATION_CHARS, problems);
        String website = line("website", fields.string("website"), MAX_WEBSITE_CHARS, problems);
        if (!website.isEmpty() && !WEBSITE.matcher(website).matches()) {
            problems.add("website: must be an http:// or https:// address with a host and no spaces, like"
                    + " https://example.org (or empty for none)");
        }
        String bio = text("bio", fields.string("bio"), MAX_BIO_CHARS, problems);
        String email = line("email", fields.string("email"), MAX_EMAIL_CHARS, problems);
        if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
            problems.add("email: '" + email + "' is not an e-mail address (name@example.org)");
        }
        List<String> rawTags = fields.strings("tags");
        List<String> tags = Tags.normaliseAll(rawTags == null ? List.of() : rawTags, problems);
        Boolean visible = fields.bool("visible");
        Contact contact = Contact.fromJson(fields, problems);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid_profile", String.join("; ", problems));
        }
        return new ProfileInput(
                name, organisation, location, website, bio, email, tags, Boolean.TRUE.equals(visible), contact);
    }

    private static String line(String field, String value, int maxChars, List<String> problems) {
        if (value != null && LINE_BREAK.matcher(value).find()) {
            problems.add(field + ": must be a single line (no line breaks or tabs)");
        }
        return text(field, value, maxChars, problems);
    }

    /**
     * Checks the value as sent (so what stripping would drop is checked too, and lengths count the way the API
     * description's maxLength does), then returns it NFC-normalised and stripped.
     */
    private static String text(String field, String value, int maxChars, List<String> problems) {
        if (value == null) {
            return "";
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxChars) {
            problems.add(field + ": " + length + " characters; at most " + maxChars);
        }
        if (CONTROL.matcher(value).find()) {
            problems.add(field + ": contains control characters; remove them");
        }
        if (hasLoneSurrogate(value)) {
            problems.add(field + ": contains half of a UTF-16 surrogate pair (a \\uD800-\\uDFFF escape without its"
                    + " partner), which is not a character; send both halves (an emoji is two escapes) or remove it");
        }
        return Normalizer.normalize(value, Normalizer.Form.NFC).strip();
    }

    /** JSON may escape half a surrogate pair ({@code "\\ud83d"}); that is no character and cannot be stored. */
    static boolean hasLoneSurrogate(String text) {
        return text.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE);
    }
}
