package dev.roster.ops;

import dev.roster.core.json.JsonFields;
import java.util.Map;
import java.util.Set;

/**
 * A job ops asked for: one of these, read from the invocation's input before any work is done.
 * <ul>
 *   <li>{@code {"job":"reprocess", "cursor":…, "maxProfiles":1000, "perSecond":5, "dryRun":false}}</li>
 *   <li>{@code {"job":"import", "key":"imports/members.csv", "fromLine":1, "perSecond":10}}</li>
 *   <li>{@code {"job":"reindex", "cursor":…, "maxProfiles":1000, "perSecond":10, "dryRun":false}}: the search
 *   index of profiles written before it (docs/design.md, <em>Search</em>)</li>
 * </ul>
 */
sealed interface OpsJob permits OpsJob.ReprocessPhotos, OpsJob.RebuildSearchIndex, Import.Request {
    Set<String> FIELDS = Set.of("job", "cursor", "maxProfiles", "perSecond", "dryRun", "key", "fromLine");

    /** {@code reprocess}: re-crop photos made to an older crop spec. */
    record ReprocessPhotos(ProfileWalk.Request walk) implements OpsJob {}

    /** {@code reindex}: write the search index of profiles written before it. */
    record RebuildSearchIndex(ProfileWalk.Request walk) implements OpsJob {}

    /** The job the input asks for; anything unclear is refused before any work, with what to send instead. */
    static OpsJob parse(Map<String, Object> input) {
        JsonFields fields = new JsonFields(input == null ? Map.of() : input, FIELDS);
        String job = fields.string("job");
        return switch (job == null ? "" : job) {
            case "reprocess" -> new ReprocessPhotos(ProfileWalk.Request.from(fields, Reprocess.DEFAULT_PER_SECOND));
            case "reindex" -> new RebuildSearchIndex(ProfileWalk.Request.from(fields, Reindex.DEFAULT_PER_SECOND));
            case "import" -> {
                String key = fields.string("key");
                if (key == null || key.isBlank()) {
                    throw new IllegalArgumentException(
                            "import needs \"key\": the file's key in the uploads bucket, e.g. imports/members.csv");
                }
                Long fromLine = fields.wholeNumber("fromLine");
                Long perSecond = fields.wholeNumber("perSecond");
                yield new Import.Request(
                        key.strip(),
                        fromLine == null ? 1 : (int) Math.max(1, fromLine),
                        perSecond == null ? Import.Request.DEFAULT_PER_SECOND : perSecond);
            }
            default ->
                throw new IllegalArgumentException("\"job\" must be \"reprocess\", \"import\" or \"reindex\", was "
                        + (job == null ? "missing" : "'" + job + "'")
                        + "; e.g. {\"job\":\"reprocess\",\"dryRun\":true}");
        };
    }
}
