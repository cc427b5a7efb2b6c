package dev.roster.core.table;

import static dev.roster.core.table.ItemAttributes.ACTION;
import static dev.roster.core.table.ItemAttributes.ADMIN_SUB;
import static dev.roster.core.table.ItemAttributes.AT;
import static dev.roster.core.table.ItemAttributes.ENTRY_ID;
import static dev.roster.core.table.ItemAttributes.FILED_AT;
import static dev.roster.core.table.ItemAttributes.NOTE;
import static dev.roster.core.table.ItemAttributes.PROFILE_ID;
import static dev.roster.core.table.ItemAttributes.REASON;
import static dev.roster.core.table.ItemAttributes.REPORTER_SUB;
import static dev.roster.core.table.ItemAttributes.REPORT_ID;
import static dev.roster.core.table.ItemAttributes.STATUS;

import dev.roster.core.moderation.AuditEntry;
import dev.roster.core.moderation.Report;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Reports and the audit log (see {@link Keys#reportsPk}, {@link Keys#auditPk}): members file reports, admins
 * page the open ones and the audit log with one {@code Query} each. None of these items is on an index or in a
 * partition any member route reads, except the reporter's own record of what they filed and the audit copies in
 * a profile's partition, which only that member's export returns.
 */
public final class ModerationTable {
    private static final int REPORTER_KEY_CHARS = 16;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String community;

    public ModerationTable(DynamoDbClient dynamoDb, String tableName, String community) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.community = community;
    }

    /** A page of items and the position after it (opaque to clients), empty when it was the last. */
    public record Page<T>(List<T> items, Optional<String> next) {}

    /** What filing a report came to. */
    public sealed interface Filed {
        record Opened(String reportId) implements Filed {}

        /** The reporter's earlier report on this profile is still open: nothing changed. */
        record AlreadyOpen(String reportId) implements Filed {}
    }

    /** A report id: the profile and a digest of the reporter's subject, so there is one open report per pair. */
    public static String reportId(String profileId, String reporterSub) {
        return profileId + "." + reporterKey(reporterSub);
    }

    public Filed file(String profileId, String reporterSub, String reason, Instant at) {
        String id = reportId(profileId, reporterSub);
        Map<String, AttributeValue> open =
                key(Keys.reportsPk(community), Keys.openReportSk(profileId, reporterKey(reporterSub)));
        open.putAll(reportAttributes(id, profileId, reporterSub, reason, at, Report.Status.OPEN));
        Map<String, AttributeValue> own = key(Keys.ownerPk(community, reporterSub), Keys.filedReportSk(id));
        own.putAll(reportAttributes(id, profileId, reporterSub, reason, at, Report.Status.OPEN));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder()
                            .put(p -> p.tableName(tableName).item(open).conditionExpression("attribute_not_exists(PK)"))
                            .build(),
                    TransactWriteItem.builder()
                            .put(p -> p.tableName(tableName).item(own))
                            .build()));
            return new Filed.Opened(id);
        } catch (TransactionCanceledException e) {
            if (conditionFailed(e)) {
                return new Filed.AlreadyOpen(id);
            }
            throw e;
        }
    }

    /** Open reports, grouped by profile: one Query. */
    public Page<Report> openReports(Optional<String> after, int limit) {
        QueryResponse page = page(Keys.reportsPk(community), Keys.OPEN_REPORT_PREFIX, after, limit, true);
        return new Page<>(page.items().stream().map(ModerationTable::report).toList(), next(page));
    }

    public Optional<Report> openReport(String reportId) {
        Optional<String[]> parts = reportIdParts(reportId);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                        .consistentRead(true)
                        .key(key(Keys.reportsPk(community), Keys.openReportSk(parts.get()[0], parts.get()[1]))))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(report(item));
    }

    /**
     * Closes an open report: it moves to the resolved ones, the reporter's record says so, and the audit entry
     * is written in the same transaction. False when it was no longer open (another admin closed it).
     */
    public boolean resolve(Report report, AuditEntry entry) {
        String[] parts = reportIdParts(report.id()).orElseThrow();
        Map<String, AttributeValue> done =
                key(Keys.reportsPk(community), Keys.resolvedReportSk(entry.at().toString(), report.id()));
        done.putAll(reportAttributes(
                report.id(),
                report.profileId(),
                report.reporterSub(),
                report.reason(),
                report.filedAt(),
                Report.Status.RESOLVED));
        done.put(ADMIN_SUB, AttributeValue.fromS(entry.adminSub()));
        done.put(AT, AttributeValue.fromS(entry.at().toString()));
        done.put(NOTE, AttributeValue.fromS(entry.reason()));
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(TransactWriteItem.builder()
                .delete(d -> d.tableName(tableName)
                        .key(key(Keys.reportsPk(community), Keys.openReportSk(parts[0], parts[1])))
                        .conditionExpression("attribute_exists(PK)"))
                .build());
        actions.add(TransactWriteItem.builder()
                .put(p -> p.tableName(tableName).item(done))
                .build());
        actions.add(TransactWriteItem.builder()
                .update(u -> u.tableName(tableName)
                        .key(key(Keys.ownerPk(community, report.reporterSub()), Keys.filedReportSk(report.id())))
                        .updateExpression("SET #status = :resolved")
                        .conditionExpression("attribute_exists(PK)")
                        .expressionAttributeNames(Map.of("#status", STATUS))
                        .expressionAttributeValues(
                                Map.of(":resolved", AttributeValue.fromS(Report.Status.RESOLVED.name()))))
                .build());
        actions.add(auditPut(entry));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(actions));
            return true;
        } catch (TransactionCanceledException e) {
            if (conditionFailed(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The audit log, newest first: one Query. */
    public Page<AuditEntry> audit(Optional<String> after, int limit) {
        QueryResponse page = page(Keys.auditPk(community), null, after, limit, false);
        return new Page<>(page.items().stream().map(ModerationTable::auditEntry).toList(), next(page));
    }

    /** The reports a member filed (their export), from their own partition. */
    public List<Report> filedBy(String reporterSub) {
        return queryAll(Keys.ownerPk(community, reporterSub), Keys.FILED_REPORT_PREFIX).stream()
                .map(ModerationTable::report)
                .toList();
    }

    /** The audit entries about a profile (its member's export), from the profile's partition. */
    public List<AuditEntry> about(String profileId) {
        return queryAll(Keys.profilePk(community, profileId), Keys.PROFILE_AUDIT_PREFIX).stream()
                .map(ModerationTable::auditEntry)
                .toList();
    }

    /** Keys of the profile-partition audit copies and the member's filed-report records, for erasure. */
    List<Map<String, AttributeValue>> memberRecordKeys(String profileId, String sub) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item :
                queryAll(Keys.profilePk(community, profileId), Keys.PROFILE_AUDIT_PREFIX)) {
            keys.add(key(item.get(Keys.PK).s(), item.get(Keys.SK).s()));
        }
        for (Map<String, AttributeValue> item : queryAll(Keys.ownerPk(community, sub), Keys.FILED_REPORT_PREFIX)) {
            keys.add(key(item.get(Keys.PK).s(), item.get(Keys.SK).s()));
            Report filed = report(item);
            if (filed.status() == Report.Status.OPEN) {
                String[] parts = reportIdParts(filed.id()).orElseThrow();
                keys.add(key(Keys.reportsPk(community), Keys.openReportSk(parts[0], parts[1])));
            }
        }
        // open reports about the profile: it is gone, so are they (and their reporters' records of them)
        for (Map<String, AttributeValue> item :
                queryAll(Keys.reportsPk(community), Keys.OPEN_REPORT_PREFIX + profileId + "#")) {
            keys.add(key(item.get(Keys.PK).s(), item.get(Keys.SK).s()));
            keys.add(key(
                    Keys.ownerPk(community, item.get(REPORTER_SUB).s()),
                    Keys.filedReportSk(item.get(REPORT_ID).s())));
        }
        return keys.stream().distinct().toList(); // a member who reported their own profile appears twice
    }

    /** The audit entry's two items: the log's, and the copy in the profile's partition. */
    List<TransactWriteItem> auditPuts(AuditEntry entry) {
        Map<String, AttributeValue> copy = key(
                Keys.profilePk(community, entry.profileId()),
                Keys.profileAuditSk(entry.at().toString(), entry.id()));
        copy.putAll(auditAttributes(entry));
        return List.of(
                auditPut(entry),
                TransactWriteItem.builder()
                        .put(p -> p.tableName(tableName).item(copy))
                        .build());
    }

    private TransactWriteItem auditPut(AuditEntry entry) {
        Map<String, AttributeValue> item =
                key(Keys.auditPk(community), Keys.auditSk(entry.at().toString(), entry.id()));
        item.putAll(auditAttributes(entry));
        return TransactWriteItem.builder()
                .put(p -> p.tableName(tableName).item(item).conditionExpression("attribute_not_exists(PK)"))
                .build();
    }

    private QueryResponse page(String pk, String skPrefix, Optional<String> after, int limit, boolean forward) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(pk)));
        String condition = "PK = :pk";
        if (skPrefix != null) {
            values.put(":prefix", AttributeValue.fromS(skPrefix));
            condition += " AND begins_with(SK, :prefix)";
        }
        String keyCondition = condition;
        Optional<Map<String, AttributeValue>> start = after.map(position -> key(pk, position(position, skPrefix)));
        return dynamoDb.query(b -> b.tableName(tableName)
                .keyConditionExpression(keyCondition)
                .expressionAttributeValues(values)
                .limit(limit)
                .scanIndexForward(forward)
                .exclusiveStartKey(start.orElse(null)));
    }

    private List<Map<String, AttributeValue>> queryAll(String pk, String skPrefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(tableName)
                    .consistentRead(true)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                    .expressionAttributeValues(
                            Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(skPrefix)))
                    .exclusiveStartKey(from));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static Optional<String> next(QueryResponse page) {
        if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(page.lastEvaluatedKey().get(Keys.SK).s().getBytes(StandardCharsets.UTF_8)));
    }

    /** A position handed out by {@link #next}: only a sort key of the same page's shape is taken back. */
    private static String position(String token, String skPrefix) {
        try {
            String sk = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (skPrefix != null && !sk.startsWith(skPrefix) || sk.isEmpty() || sk.length() > 1024) {
                throw new IllegalArgumentException("not a position of this list");
            }
            return sk;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor: not one this list handed out; start again without it");
        }
    }

    private static Map<String, AttributeValue> reportAttributes(
            String id, String profileId, String reporterSub, String reason, Instant at, Report.Status status) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put(REPORT_ID, AttributeValue.fromS(id));
        attributes.put(PROFILE_ID, AttributeValue.fromS(profileId));
        attributes.put(REPORTER_SUB, AttributeValue.fromS(reporterSub));
        attributes.put(REASON, AttributeValue.fromS(reason));
        attributes.put(FILED_AT, AttributeValue.fromS(at.toString()));
        attributes.put(STATUS, AttributeValue.fromS(status.name()));
        return attributes;
    }

    private static Report report(Map<String, AttributeValue> item) {
        Report.Status status = Report.Status.valueOf(item.get(STATUS).s());
        Report.Resolution resolution = item.containsKey(ADMIN_SUB)
                ? new Report.Resolution(
                        item.get(ADMIN_SUB).s(), Instant.parse(item.get(AT).s()), text(item, NOTE))
                : null;
        return new Report(
                item.get(REPORT_ID).s(),
                item.get(PROFILE_ID).s(),
                item.get(REPORTER_SUB).s(),
                item.get(REASON).s(),
                Instant.parse(item.get(FILED_AT).s()),
                status,
                resolution);
    }

    private static Map<String, AttributeValue> auditAttributes(AuditEntry entry) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put(ENTRY_ID, AttributeValue.fromS(entry.id()));
        attributes.put(AT, AttributeValue.fromS(entry.at().toString()));
        attributes.put(ADMIN_SUB, AttributeValue.fromS(entry.adminSub()));
        attributes.put(ACTION, AttributeValue.fromS(entry.action().name()));
        attributes.put(PROFILE_ID, AttributeValue.fromS(entry.profileId()));
        if (entry.reportId() != null) {
            attributes.put(REPORT_ID, AttributeValue.fromS(entry.reportId()));
        }
        attributes.put(REASON, AttributeValue.fromS(entry.reason()));
        return attributes;
    }

    private static AuditEntry auditEntry(Map<String, AttributeValue> item) {
        return new AuditEntry(
                item.get(ENTRY_ID).s(),
                Instant.parse(item.get(AT).s()),
                item.get(ADMIN_SUB).s(),
                AuditEntry.Action.valueOf(item.get(ACTION).s()),
                item.get(PROFILE_ID).s(),
                text(item, REPORT_ID),
                text(item, REASON));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Optional<String[]> reportIdParts(String reportId) {
        if (reportId == null || !reportId.matches("[A-Za-z0-9_-]{8}\\.[A-Za-z0-9_-]{" + REPORTER_KEY_CHARS + "}")) {
            return Optional.empty();
        }
        return Optional.of(reportId.split("\\.", 2));
    }

    private static String reporterKey(String sub) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sub.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, REPORTER_KEY_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static boolean conditionFailed(TransactionCanceledException e) {
        return e.hasCancellationReasons()
                && e.cancellationReasons().stream().anyMatch(reason -> "ConditionalCheckFailed".equals(reason.code()));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(Keys.PK, AttributeValue.fromS(pk));
        key.put(Keys.SK, AttributeValue.fromS(sk));
        return key;
    }
}
