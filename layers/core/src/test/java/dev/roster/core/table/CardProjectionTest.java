package dev.roster.core.table;

import static dev.roster.emulator.SamTemplate.asList;
import static dev.roster.emulator.SamTemplate.asMap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.emulator.SamTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CardProjectionTest {
    @Test
    void directoryIndexProjectsExactlyTheCardAttributes() {
        Map<String, Object> table = SamTemplate.properties(SamTemplate.locate().resource("ProfilesTable"));
        Map<String, Object> gsi1 =
                asMap(asList(table.get("GlobalSecondaryIndexes")).getFirst());
        assertEquals(Keys.GSI1, gsi1.get("IndexName"));
        List<Object> projected = asList(asMap(gsi1.get("Projection")).get("NonKeyAttributes"));
        assertEquals(
                ItemAttributes.CARD,
                projected,
                "template.yaml's GSI1 NonKeyAttributes and ItemAttributes.CARD must name the same attributes");
    }
}
