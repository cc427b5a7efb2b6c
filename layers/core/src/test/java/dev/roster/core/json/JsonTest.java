package dev.roster.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.core.http.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void nullsAreWrittenBecauseTheyArePartOfTheShape() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", java.util.List.of());
        body.put("next", null);
        assertEquals("{\"items\":[],\"next\":null}", Json.write(body));
    }

    @Test
    void wholeNumbersAcceptIntegralValuesOnly() {
        JsonFields fields = new JsonFields(
                Json.parseObject("{\"a\":5,\"b\":5.0,\"c\":5.5,\"d\":\"5\",\"e\":99999999999999999999}"),
                Set.of("a", "b", "c", "d", "e"));
        assertEquals(5L, fields.wholeNumber("a"));
        assertEquals(5L, fields.wholeNumber("b"));
        for (String name : new String[] {"c", "d", "e"}) {
            ApiException e = assertThrows(ApiException.class, () -> fields.wholeNumber(name));
            assertTrue(e.getMessage().startsWith("field '" + name + "' must be"), e.getMessage());
        }
    }

    @Test
    void deeplyNestedOrHugeInputIsA400NotACrash() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertEquals(
                400,
                assertThrows(ApiException.class, () -> Json.parseObject(deep))
                        .error()
                        .status());
        // an out-of-range number parses (to infinity) and is then refused by the field's type check
        JsonFields fields = new JsonFields(Json.parseObject("{\"a\":1e999999999}"), Set.of("a"));
        assertEquals(
                400,
                assertThrows(ApiException.class, () -> fields.wholeNumber("a"))
                        .error()
                        .status());
    }

    @Test
    void aBodyThatEndsTooSoonGetsOneSentenceAndWhere() {
        for (String body : new String[] {"-", "{\"name\":", "{\"name\":\"Ada"}) {
            ApiException e = assertThrows(ApiException.class, () -> Json.parseObject(body), body);
            assertTrue(
                    e.getMessage()
                            .startsWith(
                                    "the body is not valid JSON: it ends before the JSON value is complete (line 1, column "),
                    body + " -> " + e.getMessage());
        }
        ApiException e = assertThrows(ApiException.class, () -> Json.parseObject("{\"a\": nul}"));
        assertTrue(
                e.getMessage().contains("Unrecognized token 'nul'")
                        && e.getMessage().endsWith("(line 1, column 7)"),
                e.getMessage());
    }

    @Test
    void jsonTypesAreNamedInJsonsWords() {
        Map<String, Object> parsed = Json.parseObject("{\"s\":\"x\",\"t\":true,\"n\":1.5,\"a\":[],\"o\":{}}");
        assertEquals("a string", JsonFields.jsonType(parsed.get("s")));
        assertEquals("true", JsonFields.jsonType(parsed.get("t")));
        assertEquals("a number", JsonFields.jsonType(parsed.get("n")));
        assertEquals("an array", JsonFields.jsonType(parsed.get("a")));
        assertEquals("an object", JsonFields.jsonType(parsed.get("o")));
        assertEquals("null", JsonFields.jsonType(null));
    }
}
