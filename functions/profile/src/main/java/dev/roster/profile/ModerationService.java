package dev.roster.profile;

import dev.roster.core.http.ApiError;
import dev.roster.core.json.JsonFields;
import dev.roster.core.moderation.AuditEntry;
import dev.roster.core.moderation.Report;
import dev.roster.core.profile.Profile;
import dev.roster.core.profile.ProfileId;
import dev.roster.core.table.ModerationTable;
import dev.roster.core.table.ProfileTable;
import dev.roster.core.table.ProfileTable.Write;
import dev.roster.profile.ProfileOutcome.AdminDone;
import dev.roster.profile.ProfileOutcome.AdminPage;
import dev.roster.profile.ProfileOutcome.PhotoRemoved;
import dev.roster.profile.ProfileOutcome.Refused;
import dev.roster.profile.ProfileOutcome.Reported;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Members report profiles; admins read the open reports and the audit log a page at a time, hide and restore
 * profiles, remove photos and resolve reports, each action audited in its own transaction. The caller's admin
 * rights are checked by the handler (the token's admin group) before any admin method runs.
 */
final class ModerationService {
    static final int DEFAULT_PAGE = 25;
    static final int MAX_PAGE = 100;
    private static final int MAX_ATTEMPTS = 3;

    private final ProfileTable table;
    private final ModerationTable moderation;
    private final ProfileService profiles;
    private final Clock clock;

    ModerationService(ProfileTable table, ModerationTable moderation, ProfileService profiles, Clock clock) {
        this.table = table;
        this.moderation = moderation;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** {@code POST /profiles/{id}/report}: one open report per reporter and profile; filing again changes nothing. */
    ProfileOutcome report(String reporterSub, String profileId, Map<String, Object> body) {
        String reason = reason(new JsonFields(body, Set.of("reason")).string("reason"));
        Optional<Profile> profile =
                ProfileId.isWellFormed(profileId) ? table.readEventually(profileId) : Optional.empty();
        if (profile.isEmpty() || !profile.get().listed()) {
            return new Refused(ApiError.notFound("no visible profile with id '" + profileId + "' to report"));
        }
        return switch (moderation.file(profileId, reporterSub, reason, clock.instant())) {
            case ModerationTable.Filed.Opened opened -> new Reported(opened.reportId());
            case ModerationTable.Filed.AlreadyOpen open -> new Reported(open.reportId());
        };
    }

    ProfileOutcome openReports(String cursor, String limit) {
        return adminPage("reports", cursor, limit, moderation::openReports, Report::adminJson);
    }

    ProfileOutcome audit(String cursor, String limit) {
        return adminPage("entries", cursor, limit, moderation::audit, AuditEntry::adminJson);
    }

    /** A page of an admin list: one Query from the cursor given, its items as admins read them. */
    private static <T> ProfileOutcome adminPage(
            String name,
            String cursor,
            String limit,
            BiFunction<Optional<String>, Integer, ModerationTable.Page<T>> read,
            Function<T, Map<String, Object>> json) {
        ModerationTable.Page<T> page;
        try {
            page = read.apply(position(cursor), pageSize(limit));
        } catch (IllegalArgumentException badCursor) {
            return new Refused(ApiError.badRequest("invalid_cursor", badCursor.getMessage()));
        }
        return new AdminPage(
                name, page.items().stream().map(json).toList(), page.next().orElse(null));
    }

    /** {@code PUT /admin/profiles/{id}/visibility {"visible": false, "reason": "…"}}: hide, or restore with true. */
    ProfileOutcome setVisibility(String adminSub, String profileId, Map<String, Object> body) {
        JsonFields fields = new JsonFields(body, Set.of("visible", "reason"));
        Boolean visible = fields.bool("visible");
        if (visible == null) {
            return new Refused(ApiError.badRequest(
                    "invalid_body",
                    "send {\"visible\": false, \"reason\": \"…\"} to hide"
                            + " the profile, or {\"visible\": true, \"reason\": \"…\"} to restore it"));
        }
        String reason = reason(fields.string("reason"));
        AuditEntry.Action action = visible ? AuditEntry.Action.RESTORE_PROFILE : AuditEntry.Action.HIDE_PROFILE;
        return act(profileId, current -> {
            boolean hidden = current.hiddenByAdmin() != null;
            if (hidden != visible) {
                return Optional.of(state(current)); // already as asked: nothing to do, nothing to audit
            }
            AuditEntry entry = entry(adminSub, action, profileId, null, reason);
            Write write = visible ? table.restore(current, entry) : table.hide(current, entry);
            return write instanceof Write.Done ? table.read(profileId).map(ModerationService::state) : Optional.empty();
        });
    }

    /** {@code DELETE /admin/profiles/{id}/photo}: the photo leaves the cards, then its crops and original are deleted. */
    ProfileOutcome removePhoto(String adminSub, String profileId, Map<String, Object> body) {
        String reason = reason(new JsonFields(body, Set.of("reason")).string("reason"));
        ProfileOutcome outcome = act(profileId, current -> {
            if (current.photo() == null && current.pendingUploadId() == null) {
                return Optional.of(state(current));
            }
            Write write = table.removePhotoAsAdmin(
                    current, entry(adminSub, AuditEntry.Action.REMOVE_PHOTO, profileId, null, reason));
            if (write instanceof Write.Done) {
                profiles.deletePhotoObjects(current);
                return Optional.of(state(current));
            }
            return Optional.empty();
        });
        return outcome instanceof AdminDone ? new PhotoRemoved() : outcome;
    }

    /** {@code POST /admin/reports/{id}/resolve {"reason": "…"}}: the report is closed, with who and why. */
    ProfileOutcome resolve(String adminSub, String reportId, Map<String, Object> body) {
        String reason = reason(new JsonFields(body, Set.of("reason")).string("reason"));
        Optional<Report> report = moderation.openReport(reportId);
        if (report.isEmpty()) {
            return new Refused(
                    ApiError.notFound("no open report '" + reportId + "' (resolved already, or never filed)"));
        }
        AuditEntry entry =
                entry(adminSub, AuditEntry.Action.RESOLVE_REPORT, report.get().profileId(), reportId, reason);
        if (!moderation.resolve(report.get(), entry)) {
            return new Refused(ApiError.notFound("report '" + reportId + "' was resolved meanwhile"));
        }
        Map<String, Object> body2 = new LinkedHashMap<>();
        body2.put("id", reportId);
        body2.put("status", Report.Status.RESOLVED.name());
        return new AdminDone(body2);
    }

    /** Reads the profile and applies {@code action} to it, again when someone wrote in between (empty: lost a race). */
    private ProfileOutcome act(String profileId, Function<Profile, Optional<Map<String, Object>>> action) {
        if (!ProfileId.isWellFormed(profileId)) {
            return new Refused(ApiError.notFound("no profile with id '" + profileId + "'"));
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Profile> current = table.read(profileId);
            if (current.isEmpty()) {
                return new Refused(ApiError.notFound("no profile with id '" + profileId + "'"));
            }
            Optional<Map<String, Object>> done = action.apply(current.get());
            if (done.isPresent()) {
                return new AdminDone(done.get());
            }
        }
        return new Refused(ProfileService.busy());
    }

    private static Map<String, Object> state(Profile profile) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("profileId", profile.id());
        json.put("listed", profile.listed());
        json.put(
                "hiddenByAdmin",
                profile.hiddenByAdmin() == null ? null : profile.hiddenByAdmin().ownerJson());
        json.put("hasPhoto", profile.photo() != null);
        return json;
    }

    private AuditEntry entry(
            String adminSub, AuditEntry.Action action, String profileId, String reportId, String reason) {
        return new AuditEntry(ProfileId.newProfileId(), clock.instant(), adminSub, action, profileId, reportId, reason);
    }

    private static String reason(String reason) {
        try {
            return Report.checkedReason(reason);
        } catch (IllegalArgumentException e) {
            throw new dev.roster.core.http.ApiException(ApiError.badRequest("invalid_reason", e.getMessage()));
        }
    }

    private static Optional<String> position(String cursor) {
        return cursor == null || cursor.isBlank() ? Optional.empty() : Optional.of(cursor);
    }

    private static int pageSize(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_PAGE;
        }
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= MAX_PAGE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new dev.roster.core.http.ApiException(
                ApiError.badRequest("invalid_limit", "limit: a whole number from 1 to " + MAX_PAGE));
    }
}
