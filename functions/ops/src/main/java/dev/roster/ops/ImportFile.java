package dev.roster.ops;

import dev.roster.core.http.ApiException;
import dev.roster.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rows of a bulk-import file, each with the line it starts on: CSV with a header row (a spreadsheet
 * export: RFC 4180 quoting, commas or newlines inside quotes) or JSON Lines (one object per line, e.g. made
 * from a Slack export with {@code jq -c}). Column names are matched loosely ({@code Import ID},
 * {@code import_id} and {@code importId} are one column); unknown ones are reported and ignored. A row
 * that cannot be read becomes a {@link Row} with a problem, never the end of the file.
 */
final class ImportFile {
    static final String IMPORT_ID = "importId";
    static final String PHOTO = "photo";

    /** Loose column name → field. */
    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("importid", IMPORT_ID),
            Map.entry("externalid", IMPORT_ID),
            Map.entry("id", IMPORT_ID),
            Map.entry("name", "name"),
            Map.entry("realname", "name"),
            Map.entry("fullname", "name"),
            Map.entry("email", "email"),
            Map.entry("emailaddress", "email"),
            Map.entry("organisation", "organisation"),
            Map.entry("organization", "organisation"),
            Map.entry("company", "organisation"),
            Map.entry("location", "location"),
            Map.entry("website", "website"),
            Map.entry("url", "website"),
            Map.entry("bio", "bio"),
            Map.entry("about", "bio"),
            Map.entry("tags", "tags"),
            Map.entry("visible", "visible"),
            Map.entry("photo", PHOTO),
            Map.entry("photokey", PHOTO),
            Map.entry("image", PHOTO));

    /** One record: the fields found (strings, lists, booleans as the format gives them) or why it is unreadable. */
    record Row(int line, Map<String, Object> fields, String problem) {}

    record Parsed(List<Row> rows, Set<String> ignoredColumns) {}

    static Parsed parse(String key, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return csv(text);
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return jsonLines(text);
        }
        throw new IllegalArgumentException("cannot tell the format of '" + key + "': name it .csv (with a header row)"
                + " or .jsonl (one JSON object per line)");
    }

    static Parsed jsonLines(String text) {
        List<Row> rows = new ArrayList<>();
        Set<String> ignored = new TreeSet<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                Map<String, Object> object = Json.parseObject(line);
                rows.add(new Row(i + 1, fields(object, ignored), null));
            } catch (ApiException e) {
                rows.add(new Row(
                        i + 1, Map.of(), "not a JSON object: " + e.error().message()));
            }
        }
        return new Parsed(rows, ignored);
    }

    static Parsed csv(String text) {
        List<Row> rows = new ArrayList<>();
        Set<String> ignored = new TreeSet<>();
        CsvReader reader = new CsvReader(text);
        CsvReader.Line header = reader.next();
        if (header == null || header.problem() != null) {
            throw new IllegalArgumentException(
                    "the CSV file needs a header row naming its columns (e.g. importId,name,email,tags)");
        }
        List<String> fields = new ArrayList<>();
        for (String column : header.values()) {
            String field = COLUMNS.get(column.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""));
            if (field == null) {
                ignored.add(column);
            }
            fields.add(field);
        }
        if (!fields.contains(IMPORT_ID)) {
            throw new IllegalArgumentException(
                    "the CSV header has no importId column (the id of each member in the source,"
                            + " e.g. a Slack user id): re-running an import finds its profiles by it");
        }
        for (CsvReader.Line record = reader.next(); record != null; record = reader.next()) {
            if (record.problem() != null) {
                rows.add(new Row(record.line(), Map.of(), record.problem()));
                continue;
            }
            if (record.values().size() == 1 && record.values().getFirst().isBlank()) {
                continue; // blank line
            }
            if (record.values().size() != fields.size()) {
                rows.add(new Row(
                        record.line(),
                        Map.of(),
                        record.values().size() + " columns; the header has " + fields.size()
                                + " (a comma inside a value needs the value in double quotes)"));
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                String field = fields.get(i);
                String value = record.values().get(i);
                if (field == null || value.isBlank()) {
                    continue;
                }
                row.put(
                        field,
                        switch (field) {
                            case "tags" ->
                                List.of(value.split("[,;|]")).stream()
                                        .map(String::strip)
                                        .filter(t -> !t.isEmpty())
                                        .toList();
                            case "visible" -> csvBoolean(value);
                            default -> value;
                        });
            }
            rows.add(new Row(record.line(), row, null));
        }
        return new Parsed(rows, ignored);
    }

    private static Object csvBoolean(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> value; // ProfileInput says "visible: must be true or false"
        };
    }

    private static Map<String, Object> fields(Map<String, Object> object, Set<String> ignored) {
        Map<String, Object> row = new LinkedHashMap<>();
        object.forEach((name, value) -> {
            String field = COLUMNS.get(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""));
            if (field == null) {
                ignored.add(name);
            } else if (value != null) {
                row.put(
                        field,
                        field.equals("tags") && value instanceof String s
                                ? List.of(s.split("[,;|]")).stream()
                                        .map(String::strip)
                                        .filter(t -> !t.isEmpty())
                                        .toList()
                                : value);
            }
        });
        return row;
    }

    /** RFC 4180 records, each with the line it starts on. */
    static final class CsvReader {
        record Line(int line, List<String> values, String problem) {}

        private final String text;
        private int position;
        private int line = 1;

        CsvReader(String text) {
            this.text = text;
        }

        Line next() {
            if (position >= text.length()) {
                return null;
            }
            int startLine = line;
            List<String> values = new ArrayList<>();
            StringBuilder value = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            while (position < text.length()) {
                char c = text.charAt(position++);
                if (quoted) {
                    if (c == '"') {
                        if (position < text.length() && text.charAt(position) == '"') {
                            value.append('"');
                            position++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        value.append(c);
                    }
                } else if (c == '"' && value.isEmpty() && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    values.add(value.toString());
                    value.setLength(0);
                    wasQuoted = false;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && position < text.length() && text.charAt(position) == '\n') {
                        position++;
                    }
                    line++;
                    values.add(value.toString());
                    return new Line(startLine, values, null);
                } else {
                    value.append(c);
                }
            }
            if (quoted) {
                return new Line(startLine, values, "a quoted value starting on this line is never closed (missing \")");
            }
            values.add(value.toString());
            return new Line(startLine, values, null);
        }
    }
}
