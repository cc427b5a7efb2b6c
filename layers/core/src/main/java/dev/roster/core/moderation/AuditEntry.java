package dev.roster.core.moderation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One admin action: who (the admin's subject), what ({@link Action}), when, on which profile or report, and why.
 * Written in the same transaction as the action itself, so there is no action without its entry.
 */
public record AuditEntry(
        String id, Instant at, String adminSub, Action action, String profileId, String reportId, String reason) {
    public enum Action {
        HIDE_PROFILE,
        RESTORE_PROFILE,
        REMOVE_PHOTO,
        RESOLVE_REPORT
    }

    public Map<String, Object> adminJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("at", at.toString());
        json.put("admin", adminSub);
        json.put("action", action.name());
        json.put("profileId", profileId);
        json.put("reportId", reportId);
        json.put("reason", reason);
        return json;
    }

    /** In the member's own export: what was done to their profile and why, not which admin did it. */
    public Map<String, Object> memberJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", at.toString());
        json.put("action", action.name());
        json.put("reason", reason);
        return json;
    }
}
