package dev.roster.core.api;

import static dev.roster.emulator.SamTemplate.asMap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.core.http.ApiException;
import dev.roster.core.profile.ProfileInput;
import dev.roster.core.profile.Tags;
import dev.roster.emulator.SamTemplate;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What openapi.yaml says a valid profile field is, is what the validation accepts, string for string: a
 * client (or a fuzzer) that trusts the description gets no 400 for schema-valid input and no 2xx for input
 * the description forbids. The strings are the edges where the two could part: white space that stripping
 * drops, control characters, bidi overrides, lengths counted as sent, URLs without a host.
 */
class OpenApiAgreesWithValidationTest {
    private static final List<String> TEXT = List.of(
            "",
            " ",
            "\u3000",
            "\u00a0",
            "Ada",
            " Ada ",
            "Ada\u2003",
            "Ada\n",
            "\tAda",
            "Ada\u0001",
            "Ada\u001f ",
            "a\u0085b",
            "evil\u202Egnp",
            "Dev 👩‍💻",
            "Zoë",
            "a\u2028b",
            "x".repeat(100),
            "x".repeat(101),
            " " + "x".repeat(99),
            "x".repeat(120),
            "x".repeat(121),
            "line one\nline two",
            "a@b.c",
            " a@b.c\u3000",
            "a@b",
            "a b@c.d",
            "@b.c",
            "a@b.c\u2003x",
            "https://example.org",
            "HTTP://",
            "HTTPS://Example.org/a?b=c#d",
            " https://a.b ",
            "https://a b",
            "https://a\u00a0b",
            "https://a/\"",
            "https://a/<b>",
            "http://a\\b",
            "ftp://x.org",
            "javascript:alert(1)",
            "https://exämple.org/ü",
            "https://a\u2007",
            "x".repeat(2000),
            "x".repeat(2001),
            "+44 7700 900123",
            " +1 (555) 010-9999\t",
            "+0123456",
            "+123",
            "+12345678901234567",
            "+44\u30007700900123",
            "o'neil@ex-ample.co.uk",
            "a@-b.com",
            "a@b-.com",
            "ü@b.com",
            " " + "a".repeat(240) + "@b.org",
            "a".repeat(245) + "@b.org");
    private static final List<String> TAGS = List.of(
            "java",
            "Java",
            " java ",
            "\tice\nclimbing",
            "c++",
            "a#b",
            "a,b",
            "",
            " ",
            "İstanbul",
            "i\u0307stanbul",
            "café",
            "cafe\u0301",
            "emoji 🎉",
            "\u3000java",
            "java\u00a0",
            "x".repeat(40),
            "x".repeat(41),
            " ".repeat(38) + "abc",
            "\u0301x",
            "1½",
            "a_b&c/d.e-f",
            "a\u20f5",
            "a\u20e1",
            "हिन्दी",
            "a\u0488");

    @Test
    void everyTextFieldAcceptsExactlyWhatItsSchemaAllows() throws IOException {
        Map<String, Object> properties = asMap(schema("ProfileInput").get("properties"));
        for (String field : List.of(
                "name", "organisation", "location", "website", "bio", "email", "contactEmail", "contactPhone")) {
            Map<String, Object> schema = asMap(properties.get(field));
            for (String value : TEXT) {
                Map<String, Object> body = new HashMap<>();
                body.put("name", "Ada");
                body.put(field, value);
                assertEquals(valid(schema, value), accepted(body), field + ": '" + value + "'");
            }
        }
    }

    @Test
    void aTagIsAcceptedExactlyWhenItsSchemaAllowsIt() throws IOException {
        Map<String, Object> schema = schema("TagInput");
        for (String tag : TAGS) {
            boolean accepted;
            try {
                Tags.normalise(tag);
                accepted = true;
            } catch (IllegalArgumentException e) {
                accepted = false;
            }
            assertEquals(valid(schema, tag), accepted, "tag '" + tag + "'");
        }
    }

    @Test
    void aReportReasonIsAcceptedExactlyWhenItsSchemaAllowsIt() throws IOException {
        Map<String, Object> schema =
                asMap(asMap(schema("Reason").get("properties")).get("reason"));
        for (String reason : List.of(
                "spam",
                " spam ",
                " ",
                "\u3000",
                "\t",
                "x".repeat(500),
                "x".repeat(501),
                " " + "x".repeat(499),
                "\u00a0")) {
            boolean accepted;
            try {
                dev.roster.core.moderation.Report.checkedReason(reason);
                accepted = true;
            } catch (IllegalArgumentException e) {
                accepted = false;
            }
            assertEquals(valid(schema, reason), accepted, "reason '" + reason + "'");
        }
    }

    @Test
    void openApiYamlHasNoDuplicateKeys() throws IOException {
        org.yaml.snakeyaml.LoaderOptions strict = new org.yaml.snakeyaml.LoaderOptions();
        strict.setAllowDuplicateKeys(false);
        Path file = SamTemplate.locate().path().toAbsolutePath().getParent().resolve("openapi.yaml");
        try (Reader reader = Files.newBufferedReader(file)) {
            new Yaml(strict).load(reader); // a second schema of the same name would silently replace the first
        }
    }

    @Test
    void theDocumentedUploadLimitIsTheTemplatesDefault() throws IOException {
        Map<String, Object> contentLength =
                asMap(asMap(schema("UploadRequest").get("properties")).get("contentLength"));
        Object templateDefault =
                asMap(SamTemplate.locate().parameters().get("MaxUploadBytes")).get("Default");
        assertEquals(Long.parseLong(templateDefault.toString()), ((Number) contentLength.get("maximum")).longValue());
    }

    /** maxLength/minLength count code points (JSON Schema's characters); the pattern is read by Java's engine. */
    private static boolean valid(Map<String, Object> schema, String value) {
        int length = value.codePointCount(0, value.length());
        Object max = schema.get("maxLength");
        Object min = schema.get("minLength");
        return (max == null || length <= ((Number) max).intValue())
                && (min == null || length >= ((Number) min).intValue())
                && Pattern.compile(ecmaEnd(schema.get("pattern").toString()))
                        .matcher(value)
                        .find();
    }

    /** ECMA-262's {@code $} (no multiline flag) is the very end; Java's also matches before a final line break. */
    private static String ecmaEnd(String pattern) {
        return pattern.endsWith("$") ? pattern.substring(0, pattern.length() - 1) + "\\z" : pattern;
    }

    private static boolean accepted(Map<String, Object> body) {
        try {
            ProfileInput.fromJson(body);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    /** A schema of openapi.yaml's components, by name. */
    static Map<String, Object> schema(String name) throws IOException {
        Path file = SamTemplate.locate().path().toAbsolutePath().getParent().resolve("openapi.yaml");
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> openApi = asMap(new Yaml().load(reader));
            return asMap(asMap(asMap(openApi.get("components")).get("schemas")).get(name));
        }
    }
}
