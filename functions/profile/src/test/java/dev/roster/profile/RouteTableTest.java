package dev.roster.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.core.Env;
import dev.roster.core.http.Membership;
import dev.roster.emulator.SamTemplate;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The handler's route table and the template's routes of ProfileFunction are the same set: none unserved, none extra. */
class RouteTableTest {
    @Test
    void theHandlerServesExactlyTheRoutesTheTemplateSendsIt() {
        Set<String> declared = new TreeSet<>();
        Map<String, Object> function = SamTemplate.locate().resource("ProfileFunction");
        for (Object event : SamTemplate.asMap(SamTemplate.properties(function).get("Events"))
                .values()) {
            Map<String, Object> properties =
                    SamTemplate.asMap(SamTemplate.asMap(event).get("Properties"));
            declared.add(properties.get("Method") + " " + properties.get("Path"));
        }
        ProfileHandler handler = new ProfileHandler(null, null, Membership.from(new Env(Map.of())));
        assertEquals(declared, new TreeSet<>(handler.routeKeys()));
    }
}
