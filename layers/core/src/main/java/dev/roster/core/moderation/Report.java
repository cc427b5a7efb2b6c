package dev.roster.core.moderation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A member's report about a profile. At most one is open per reporter and profile: its id is made of the two
 * ({@code <profileId>.<reporter key>}, the key a digest of the reporter's subject), so filing again while it is
 * open changes nothing. Admins read the open ones; nobody else ever does.
 */
public record Report(
        String id,
        String profileId,
        String reporterSub,
        String reason,
        Instant filedAt,
        Status status,
        Resolution resolution) {
    public static final int MAX_REASON_CHARS = 500;

    public enum Status {
        OPEN,
        RESOLVED
    }

    /** Who closed the report, when, and with what note. */
    public record Resolution(String adminSub, Instant at, String note) {}

    /** What admins see on the reports page. */
    public Map<String, Object> adminJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("profileId", profileId);
        json.put("reporter", reporterSub);
        json.put("reason", reason);
        json.put("filedAt", filedAt.toString());
        json.put("status", status.name());
        if (resolution != null) {
            json.put("resolvedBy", resolution.adminSub());
            json.put("resolvedAt", resolution.at().toString());
            json.put("note", resolution.note());
        }
        return json;
    }

    /** What the reporter gets back in their data export: their own words, not who handled it. */
    public Map<String, Object> reporterJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("profileId", profileId);
        json.put("reason", reason);
        json.put("filedAt", filedAt.toString());
        json.put("status", status.name());
        return json;
    }

    /** The reason as the member typed it, checked: 1 to {@link #MAX_REASON_CHARS} characters after trimming. */
    public static String checkedReason(Object reason) {
        if (!(reason instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("reason: required, say in a few words what is wrong with this profile"
                    + " (1 to " + MAX_REASON_CHARS + " characters)");
        }
        String trimmed = text.strip();
        int length = text.codePointCount(0, text.length()); // as sent, the way the API description's maxLength counts
        if (length > MAX_REASON_CHARS) {
            throw new IllegalArgumentException(
                    "reason: at most " + MAX_REASON_CHARS + " characters, was " + length + "; shorten it");
        }
        return trimmed;
    }
}
