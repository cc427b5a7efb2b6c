package dev.roster.core.profile;

import dev.roster.core.json.JsonFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The contact details a member may show to signed-in members on their profile page (never on cards, list
 * routes or search): an e-mail, which need not be the sign-in one, and a phone number in E.164. Nothing is
 * shown until {@code shown} is set; the details are kept while it is off.
 */
public record Contact(String email, String phone, boolean shown) {
    public static final Contact NONE = new Contact("", "", false);
    public static final Set<String> FIELDS = Set.of("contactEmail", "contactPhone", "showContact");
    public static final int MAX_EMAIL_CHARS = 254;

    /** The HTML living standard's valid e-mail address (what a browser's type=email accepts), with a dot in the domain. */
    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    /** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /** What people put between digits when they write a number; dropped before checking. */
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s().-]");

    public Contact {
        email = email == null ? "" : email;
        phone = phone == null ? "" : phone;
    }

    /** Reads and checks the contact fields of a {@code PUT /me} body, adding what is wrong to {@code problems}. */
    public static Contact fromJson(JsonFields fields, List<String> problems) {
        String sent = fields.string("contactEmail");
        String email = strip(sent);
        // counted as sent, the way the API description's maxLength counts
        int length = sent == null ? 0 : sent.codePointCount(0, sent.length());
        if (length > MAX_EMAIL_CHARS) {
            problems.add("contactEmail: " + length + " characters; at most " + MAX_EMAIL_CHARS);
        } else if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
            problems.add("contactEmail: '" + email + "' is not an e-mail address (name@example.org)");
        }
        String written = strip(fields.string("contactPhone"));
        String phone = PHONE_SEPARATORS.matcher(written).replaceAll("");
        if (!phone.isEmpty() && !E164.matcher(phone).matches()) {
            problems.add("contactPhone: '" + written + "' is not an international number; write it as + country code"
                    + " and number, like +44 7700 900123 (E.164, at most 15 digits)");
        }
        boolean shown = Boolean.TRUE.equals(fields.bool("showContact"));
        if (shown && email.isEmpty() && phone.isEmpty()) {
            problems.add(
                    "showContact: there is nothing to show; add contactEmail or contactPhone, or leave showContact off");
        }
        return new Contact(email, phone, shown);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    /** What the profile page shows to signed-in members: the set details, or nothing when not shown. */
    public Map<String, Object> shownJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (shown && !email.isEmpty()) {
            json.put("contactEmail", email);
        }
        if (shown && !phone.isEmpty()) {
            json.put("contactPhone", phone);
        }
        return json;
    }

    /** The owner's own settings, as {@code PUT /me} takes them. */
    public void putOwnerFields(Map<String, Object> json) {
        json.put("contactEmail", email);
        json.put("contactPhone", phone);
        json.put("showContact", shown);
    }
}
