package dev.roster.core.table;

/**
 * Every key format of the single table, in one place (docs/design.md, "The table"). {@code c} is the community
 * id; ids and tags are validated before they get here, so none of them contains {@code #}.
 */
public final class Keys {
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";

    public static final String PROFILE_SK = "PROFILE";
    public static final String OWNER_SK = "OWNER";
    public static final String IMPORT_SK = "IMPORT";
    public static final String CLAIM_SK = "CLAIM";
    /** In a member's partition ({@link #ownerPk}) while their erasure finishes: names the erased profile. */
    public static final String ERASING_SK = "ERASING";
    /** Longest sort-name part of a search index key, in code points (keeps keys far below 1 KB). */
    public static final int SEARCH_SORT_NAME_CHARS = 64;

    private Keys() {}

    /** The profile item: {@code C#c#P#<profileId>} / {@code PROFILE}. */
    public static String profilePk(String community, String profileId) {
        return "C#" + community + "#P#" + profileId;
    }

    /** GSI1 partition of the directory (visible profiles only). */
    public static String directoryPk(String community) {
        return "C#" + community + "#DIR";
    }

    /** Sort key shared by the directory index and tag items: name order, id as the tie-breaker. */
    public static String nameSortKey(String sortName, String profileId) {
        return sortName + "#" + profileId;
    }

    /** A tag membership item: {@code C#c#TAG#<tag>} / {@code <sortName>#<profileId>}. */
    public static String tagPk(String community, String tag) {
        return "C#" + community + "#TAG#" + tag;
    }

    /**
     * The tag counts: one item per tag ({@code C#c#TAGS} / {@code <tag>}, number attribute
     * {@link ItemAttributes#COUNT}) counting the <em>visible</em> profiles that carry it. Kept by the same
     * transactions that write the tag items, so {@code GET /tags} is one Query of this partition.
     */
    public static String tagCountsPk(String community) {
        return "C#" + community + "#TAGS";
    }

    /**
     * The search index partition of a phrase ({@link dev.roster.core.profile.SearchPhrases}): {@code C#c#Q#}
     * and the phrase's first character. Every phrase a search can match starts with the search's first
     * character, so one partition holds them all, and the index is spread over as many partitions as there
     * are first letters.
     */
    public static String searchPk(String community, String phrase) {
        return "C#" + community + "#Q#" + phrase.substring(0, phrase.offsetByCodePoints(0, 1));
    }

    /**
     * A search index item's sort key: {@code <phrase>#<sortName>#<profileId>}, so matches come by phrase, then
     * name. Phrases hold letters, digits and single spaces only (all above {@code #}), so
     * {@code begins_with(SK, search)} finds exactly the phrases that begin with the search. The sort name is
     * cut to {@link #SEARCH_SORT_NAME_CHARS}: it only orders, the id makes the key unique.
     */
    public static String searchSk(String phrase, String sortName, String profileId) {
        String cut = sortName.codePointCount(0, sortName.length()) <= SEARCH_SORT_NAME_CHARS
                ? sortName
                : sortName.substring(0, sortName.offsetByCodePoints(0, SEARCH_SORT_NAME_CHARS));
        return phrase + "#" + cut + "#" + profileId;
    }

    /** The partition a search index sort key ({@link #searchSk}) belongs in. */
    public static String searchPkOfSk(String community, String searchSk) {
        return searchPk(community, searchSk);
    }

    /** The owner pointer: {@code C#c#U#<sub>} / {@code OWNER}, from a JWT subject to its profile. */
    public static String ownerPk(String community, String subject) {
        return "C#" + community + "#U#" + subject;
    }

    /**
     * The import pointer: {@code C#c#IMPORT#<importId>} / {@code IMPORT}, from the id a bulk import gave a
     * member (a Slack user id, a spreadsheet row id) to the profile it made; re-running an import updates
     * that profile instead of making another.
     */
    public static String importPk(String community, String importId) {
        return "C#" + community + "#IMPORT#" + importId;
    }

    /**
     * The claim pointer: {@code C#c#EMAIL#<sha-256 of the lower-cased address>} / {@code CLAIM}, holding the ids
     * of the unclaimed imported profiles that carry the address. Only the profile function's claim reads it; it
     * is on no index, so no list route can reach it, and its key holds a digest, not the address.
     */
    public static String claimPk(String community, String emailDigest) {
        return "C#" + community + "#EMAIL#" + emailDigest;
    }

    /**
     * Reports, one partition per community: {@code C#c#REPORTS}; an open report's sort key is
     * {@code OPEN#<profileId>#<reporterKey>} (so there is one per reporter and profile, and a profile's reports
     * sit together), a resolved one's {@code DONE#<resolvedAt>#<reportId>}. Admins page the open ones with one Query.
     */
    public static String reportsPk(String community) {
        return "C#" + community + "#REPORTS";
    }

    public static final String OPEN_REPORT_PREFIX = "OPEN#";
    public static final String RESOLVED_REPORT_PREFIX = "DONE#";

    public static String openReportSk(String profileId, String reporterKey) {
        return OPEN_REPORT_PREFIX + profileId + "#" + reporterKey;
    }

    public static String resolvedReportSk(String resolvedAt, String reportId) {
        return RESOLVED_REPORT_PREFIX + resolvedAt + "#" + reportId;
    }

    /** The reporter's own record of a report they filed, under their owner pointer's partition: their export reads it. */
    public static String filedReportSk(String reportId) {
        return "REPORT#" + reportId;
    }

    public static final String FILED_REPORT_PREFIX = "REPORT#";

    /** The audit log, one partition per community: {@code C#c#AUDIT} / {@code <at>#<entryId>}, read newest first. */
    public static String auditPk(String community) {
        return "C#" + community + "#AUDIT";
    }

    public static String auditSk(String at, String entryId) {
        return at + "#" + entryId;
    }

    /** A copy of an audit entry in its profile's partition ({@code AUDIT#<at>#<entryId>}): the member's export reads it, erasure deletes it. */
    public static final String PROFILE_AUDIT_PREFIX = "AUDIT#";

    public static String profileAuditSk(String at, String entryId) {
        return PROFILE_AUDIT_PREFIX + at + "#" + entryId;
    }
}
