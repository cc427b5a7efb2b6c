package dev.roster.ops;

import dev.roster.core.PhotoKeys;
import dev.roster.core.http.ApiException;
import dev.roster.core.profile.MemberEmail;
import dev.roster.core.profile.Profile;
import dev.roster.core.profile.ProfileId;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.table.Claims;
import dev.roster.core.table.ProfileTable;
import dev.roster.core.table.ProfileTable.Write;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Bulk-creates profiles from an import file in the uploads bucket ({@code imports/…}), one row at a time:
 * each row is checked by the same rules as {@code PUT /me} ({@link ProfileInput}) and written by the same
 * transactions ({@link ProfileTable}). Its import id leads to the profile through an import pointer item,
 * so re-running the file updates those profiles and never makes a second one. A row's photo (an object
 * under {@code imports/}) is copied under {@code uploads/} like any upload; the thumbnail function makes it.
 * A profile with an e-mail address is offered for claiming ({@link Claims}) by the member who signs in with it.
 * Bad rows are reported with their line and reason and the others go on. A profile its member has claimed
 * is never overwritten. A row whose writes fail transiently is tried again ({@link Retry}); when it still
 * fails, or the time runs out, the job stops and its reply says at which line to resume and what failed.
 */
final class Import {
    static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    static final int MAX_ERRORS_REPORTED = 200;
    /** Ids from the source (Slack user ids, spreadsheet row ids); no '#', which separates key parts. */
    static final Pattern IMPORT_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private static final int MAX_ATTEMPTS = 3;

    private final ProfileTable profiles;
    private final Claims claims;
    private final UploadsBucket uploads;
    private final Supplier<String> newProfileId;

    Import(ProfileTable profiles, Claims claims, UploadsBucket uploads, Supplier<String> newProfileId) {
        this.profiles = profiles;
        this.claims = claims;
        this.uploads = uploads;
        this.newProfileId = newProfileId;
    }

    record Request(String key, int fromLine, double perSecond) implements OpsJob {
        static final double DEFAULT_PER_SECOND = 10;
    }

    record RowError(int line, String importId, String reason) {}

    static final class Report {
        int rows;
        int created;
        int updated;
        int unchanged;
        int skipped;
        int photosQueued;
        int invalid;
        final List<RowError> errors = new ArrayList<>();
        Set<String> ignoredColumns = Set.of();
        Integer resumeAtLine;
        /** Why the job stopped before the end of the file, when something failed (null when it did not). */
        Map<String, Object> failure;

        /** Adds the counts and errors of one row's successful attempt. */
        void add(Report row) {
            created += row.created;
            updated += row.updated;
            unchanged += row.unchanged;
            skipped += row.skipped;
            photosQueued += row.photosQueued;
            row.errors.forEach(e -> invalid(e.line(), e.importId(), e.reason()));
        }

        /** Stops the job at {@code line}: the next invocation starts there, with {@code fromLine}. */
        void stoppedBy(int line, String importId, Retry.Outcome.GaveUp<?> gaveUp) {
            resumeAtLine = line;
            failure = new LinkedHashMap<>();
            failure.put("line", line);
            failure.put("importId", importId);
            failure.put("attempts", gaveUp.attempts());
            failure.put("transient", gaveUp.transientFailure());
            failure.put("reason", String.valueOf(gaveUp.failure().getMessage()));
            failure.put(
                    "todo",
                    gaveUp.transientFailure()
                            ? "AWS did not answer in time or refused the load; invoke again with \"fromLine\": " + line
                                    + " (rows before it are saved; re-running a row is harmless)"
                            : "fix the cause (permissions, table, bucket) and invoke again with \"fromLine\": " + line
                                    + ", or with " + (line + 1) + " to skip this row");
        }

        void invalid(int line, String importId, String reason) {
            invalid++;
            if (errors.size() < MAX_ERRORS_REPORTED) {
                errors.add(new RowError(line, importId, reason));
            }
        }

        Map<String, Object> toJson(String key) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("job", "import");
            json.put("key", key);
            json.put("rows", rows);
            json.put("created", created);
            json.put("updated", updated);
            json.put("unchanged", unchanged);
            json.put("skipped", skipped);
            json.put("photosQueued", photosQueued);
            json.put("invalid", invalid);
            json.put(
                    "errors",
                    errors.stream()
                            .map(e -> {
                                Map<String, Object> error = new LinkedHashMap<>();
                                error.put("line", e.line());
                                error.put("importId", e.importId());
                                error.put("reason", e.reason());
                                return error;
                            })
                            .toList());
            json.put("ignoredColumns", List.copyOf(ignoredColumns));
            json.put("resumeAtLine", resumeAtLine);
            json.put("failure", failure);
            json.put("done", resumeAtLine == null);
            return json;
        }
    }

    Report run(Request request, Deadline deadline) {
        if (!request.key().startsWith(PhotoKeys.IMPORTS_PREFIX) || request.key().contains("..")) {
            throw new IllegalArgumentException("key '" + request.key() + "': import files live under "
                    + PhotoKeys.IMPORTS_PREFIX + " in the uploads bucket (e.g. imports/members.csv)");
        }
        Report report = new Report();
        Retry.Outcome<byte[]> file = Retry.run(() -> uploads.read(request.key(), MAX_FILE_BYTES), deadline);
        if (file instanceof Retry.Outcome.GaveUp<byte[]> gaveUp) {
            if (gaveUp.failure() instanceof IllegalArgumentException refused) {
                throw refused; // no such file, too large: nothing was done, the message says what to do
            }
            report.stoppedBy(request.fromLine(), null, gaveUp);
            return report;
        }
        ImportFile.Parsed parsed = ImportFile.parse(request.key(), ((Retry.Outcome.Done<byte[]>) file).value());
        report.ignoredColumns = parsed.ignoredColumns();
        Pace pace = new Pace(request.perSecond());
        Map<String, Integer> seen = new HashMap<>();
        for (ImportFile.Row row : parsed.rows()) {
            Object rawId = row.fields().get(ImportFile.IMPORT_ID);
            String importId = rawId instanceof String s ? s.strip() : null;
            if (importId != null && IMPORT_ID.matcher(importId).matches()) {
                Integer first = seen.putIfAbsent(importId, row.line());
                if (first != null && row.line() >= request.fromLine()) {
                    report.rows++;
                    report.invalid(
                            row.line(),
                            importId,
                            "import id '" + importId + "' is already used on line " + first
                                    + " of this file; each member needs their own id");
                    continue;
                }
            }
            if (row.line() < request.fromLine()) {
                continue;
            }
            if (deadline.reached()) {
                report.resumeAtLine = row.line();
                return report;
            }
            report.rows++;
            if (row.problem() != null) {
                report.invalid(row.line(), importId, row.problem());
                continue;
            }
            pace.await();
            switch (Retry.run(() -> importRow(row, importId, new Report()), deadline)) {
                case Retry.Outcome.Done<Report> done -> report.add(done.value());
                case Retry.Outcome.GaveUp<Report> gaveUp -> {
                    report.rows--; // not imported: the next invocation starts with it
                    report.stoppedBy(row.line(), importId, gaveUp);
                    return report;
                }
            }
        }
        return report;
    }

    /** Imports one row, counting into {@code report}; may be run again after a failure at any point. */
    private Report importRow(ImportFile.Row row, String importId, Report report) {
        if (importId == null || !IMPORT_ID.matcher(importId).matches()) {
            report.invalid(
                    row.line(),
                    null,
                    "importId: required, 1 to 128 letters, digits or . _ : @ - (the member's id in the source)");
            return report;
        }
        ProfileInput input;
        String photo;
        try {
            Map<String, Object> fields = new LinkedHashMap<>(row.fields());
            fields.remove(ImportFile.IMPORT_ID);
            Object photoField = fields.remove(ImportFile.PHOTO);
            input = ProfileInput.fromJson(fields);
            photo = photoKey(photoField);
        } catch (ApiException e) {
            report.invalid(row.line(), importId, e.error().message());
            return report;
        } catch (IllegalArgumentException e) {
            report.invalid(row.line(), importId, e.getMessage());
            return report;
        }
        if (photo != null && !uploads.exists(photo)) {
            report.invalid(
                    row.line(),
                    importId,
                    "photo: no object " + photo + " in the uploads bucket; copy the file there"
                            + " (aws s3 cp PHOTO s3://" + uploads.name() + "/" + photo + ") and run the import again");
            return report;
        }
        Optional<String> profileId = saveProfile(row, importId, input, report);
        if (profileId.isPresent() && photo != null) {
            queuePhoto(row, importId, profileId.get(), photo, report);
        }
        return report;
    }

    /** Creates or updates the profile of {@code importId}; empty when the row could not be saved (reported). */
    private Optional<String> saveProfile(ImportFile.Row row, String importId, ProfileInput input, Report report) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<String> existing = profiles.importedProfileId(importId);
            if (existing.isEmpty()) {
                String id = newProfileId.get();
                switch (profiles.createImported(importId, id, input)) {
                    case Write.Done done -> {
                        claims.offer(input.email(), id);
                        report.created++;
                        return Optional.of(id);
                    }
                    default -> {
                        continue; // another run made it meanwhile, or the random id was taken: look again
                    }
                }
            }
            Optional<Profile> stored = profiles.read(existing.get());
            if (stored.isEmpty()) {
                report.invalid(
                        row.line(),
                        importId,
                        "its import pointer names profile " + existing.get()
                                + ", which no longer exists; delete the pointer item to import it afresh");
                return Optional.empty();
            }
            Profile current = stored.get();
            if (!current.ownerSub().isEmpty()) {
                report.skipped++;
                return Optional.empty(); // the member claimed it: their profile, not the file's
            }
            if (current.input().equals(input)) {
                claims.offer(input.email(), current.id()); // again: a run that stopped after the profile's write
                report.unchanged++;
                return Optional.of(current.id());
            }
            if (profiles.updateUnclaimed(current, input) instanceof Write.Done) {
                if (!MemberEmail.same(current.email(), input.email())) {
                    claims.withdraw(current.email(), current.id());
                }
                claims.offer(input.email(), current.id());
                report.updated++;
                return Optional.of(current.id());
            }
        }
        report.invalid(row.line(), importId, "the profile kept changing while it was imported; run the import again");
        return Optional.empty();
    }

    /**
     * The photo goes the way every photo goes: pending upload on the profile first, then the object under
     * uploads/. The upload id is derived from the profile and the photo's key, so a retry after the copy
     * failed finds its own pending upload and copies again, while a photo already made is not queued twice.
     */
    private void queuePhoto(ImportFile.Row row, String importId, String profileId, String photo, Report report) {
        String uploadId = importUploadId(profileId, photo);
        Write queued = profiles.queueImportedPhoto(profileId, uploadId, photo);
        if (!(queued instanceof Write.Done)) {
            return; // this photo was queued by an earlier run (or the profile was claimed): nothing to do
        }
        if (uploads.copyToUploads(photo, profileId, uploadId) == UploadsBucket.Copy.COPIED) {
            report.photosQueued++;
        } else {
            profiles.unqueuePhoto(profileId, uploadId);
            report.invalid(
                    row.line(),
                    importId,
                    "photo: " + photo + " disappeared during the import; the profile was saved without it");
        }
    }

    /** 22 URL-safe characters (an upload id's length) of SHA-256 over the profile id and the photo's key. */
    static String importUploadId(String profileId, String photo) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((profileId + "\n" + photo).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, ProfileId.UPLOAD_ID_CHARS);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A key under imports/ in the uploads bucket, given as a key or as an s3:// URL of that bucket. */
    private String photoKey(Object field) {
        if (field == null) {
            return null;
        }
        if (!(field instanceof String value) || value.isBlank()) {
            throw new IllegalArgumentException("photo: must be the key of an image under " + PhotoKeys.IMPORTS_PREFIX);
        }
        String key = value.strip();
        String bucketUrl = "s3://" + uploads.name() + "/";
        if (key.startsWith(bucketUrl)) {
            key = key.substring(bucketUrl.length());
        }
        if (!key.startsWith(PhotoKeys.IMPORTS_PREFIX) || key.contains("..") || key.startsWith("s3://")) {
            throw new IllegalArgumentException("photo: '" + value + "' must be under " + PhotoKeys.IMPORTS_PREFIX
                    + " in the uploads bucket " + uploads.name() + " (upload the photos with the import file)");
        }
        return key;
    }
}
