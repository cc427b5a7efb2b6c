package dev.roster.core.api;

import static dev.roster.emulator.SamTemplate.asMap;
import static dev.roster.emulator.SamTemplate.properties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.emulator.SamTemplate;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** {@code openapi.yaml} describes exactly the HttpApi routes {@code template.yaml} deploys, and nothing dangles. */
class OpenApiMatchesTemplateTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void everyDeployedRouteIsDescribedAndEveryDescribedRouteIsDeployed() throws IOException {
        Map<String, Object> openApi = openApi();
        assertTrue(String.valueOf(openApi.get("openapi")).startsWith("3.1."), "OpenAPI 3.1");

        Set<String> deployed = new TreeSet<>();
        SamTemplate.locate()
                .resourcesOfType("AWS::Serverless::Function")
                .values()
                .forEach(function -> asMap(properties(function).getOrDefault("Events", Map.of()))
                        .values()
                        .forEach(raw -> {
                            Map<String, Object> event = asMap(raw);
                            if ("HttpApi".equals(event.get("Type"))) {
                                Map<String, Object> route = asMap(event.get("Properties"));
                                deployed.add(route.get("Method").toString().toUpperCase(Locale.ROOT) + " "
                                        + route.get("Path"));
                            }
                        }));

        Set<String> described = new TreeSet<>();
        asMap(openApi.get("paths"))
                .forEach((path, item) -> asMap(item).forEach((method, operation) -> {
                    if (METHODS.contains(method)) {
                        described.add(method.toUpperCase(Locale.ROOT) + " " + path);
                        Map<String, Object> responses = asMap(asMap(operation).get("responses"));
                        assertTrue(
                                responses.keySet().stream().anyMatch(code -> code.startsWith("2")),
                                method + " " + path + " documents its success response");
                    }
                }));
        assertTrue(deployed.size() >= 7, "template routes found: " + deployed);
        assertEquals(deployed, described, "template.yaml HttpApi routes vs openapi.yaml operations");
    }

    @Test
    void everyReferenceResolves() throws IOException {
        Map<String, Object> openApi = openApi();
        List<String> refs = new ArrayList<>();
        collectRefs(openApi, refs);
        assertTrue(!refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            Object node = openApi;
            for (String part : ref.substring(2).split("/")) {
                node = asMap(node).get(part);
                assertTrue(node != null, "unresolved $ref " + ref);
            }
        }
    }

    private static void collectRefs(Object node, List<String> refs) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("$ref".equals(key)) {
                    refs.add(value.toString());
                } else {
                    collectRefs(value, refs);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(element -> collectRefs(element, refs));
        }
    }

    private static Map<String, Object> openApi() throws IOException {
        Path file = SamTemplate.locate().path().toAbsolutePath().getParent().resolve("openapi.yaml");
        try (Reader reader = Files.newBufferedReader(file)) {
            return asMap(new Yaml().load(reader));
        }
    }
}
