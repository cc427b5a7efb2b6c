package dev.roster.emulator;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code template.yaml} as data: the one source of truth for the table, the buckets, the notifications,
 * the routes and each function's environment. Short-form intrinsics ({@code !Ref}, {@code !Sub},
 * {@code !GetAtt} …) are read into their long form ({@code {"Ref": …}}, {@code {"Fn::Sub": …}}) so
 * {@link Intrinsics} can evaluate them.
 */
public final class SamTemplate {
    private final Path path;
    private final Map<String, Object> root;

    private SamTemplate(Path path, Map<String, Object> root) {
        this.path = path;
        this.root = root;
    }

    public static SamTemplate read(Path path) {
        try (Reader reader = Files.newBufferedReader(path)) {
            Object loaded = new Yaml(new CloudFormationConstructor()).load(reader);
            if (!(loaded instanceof Map<?, ?> map) || !map.containsKey("Resources")) {
                throw new IllegalArgumentException(path + " is not a SAM template: it has no Resources");
            }
            return new SamTemplate(path, asMap(map));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Finds {@code template.yaml} from the working directory upwards (tests run in a module folder), or
     * at the path in the {@code roster.template} system property.
     */
    public static SamTemplate locate() {
        String explicit = System.getProperty("roster.template");
        if (explicit != null) {
            return read(Path.of(explicit));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return read(candidate);
            }
        }
        throw new IllegalStateException("no template.yaml in " + Path.of("").toAbsolutePath()
                + " or above it; run from the roster checkout or set -Droster.template=PATH");
    }

    public Path path() {
        return path;
    }

    public Map<String, Object> resources() {
        return section("Resources");
    }

    public Map<String, Object> parameters() {
        return section("Parameters");
    }

    public Map<String, Object> conditions() {
        return section("Conditions");
    }

    /** {@code Globals.Function}, or empty. */
    public Map<String, Object> functionGlobals() {
        return asMap(section("Globals").getOrDefault("Function", Map.of()));
    }

    /** Logical id → resource, for every resource of this {@code Type}, in template order. */
    public Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            Map<String, Object> r = asMap(resource);
            if (type.equals(r.get("Type"))) {
                found.put(id, r);
            }
        });
        return found;
    }

    public Map<String, Object> resource(String logicalId) {
        return Optional.ofNullable(resources().get(logicalId))
                .map(SamTemplate::asMap)
                .orElseThrow(() -> new IllegalArgumentException(path + " has no resource " + logicalId));
    }

    public static Map<String, Object> properties(Map<String, Object> resource) {
        return asMap(resource.getOrDefault("Properties", Map.of()));
    }

    private Map<String, Object> section(String name) {
        return asMap(root.getOrDefault(name, Map.of()));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("expected a mapping in template.yaml, found " + value);
    }

    @SuppressWarnings("unchecked")
    public static List<Object> asList(Object value) {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        return List.of(value);
    }

    /** Reads {@code !Name value} as {@code {"Fn::Name": value}} ({@code !Ref} as {@code {"Ref": value}}). */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String name = node.getTag().getValue().substring(1);
                    String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                    Object value = switch (node) {
                        case ScalarNode scalar
                        when name.equals("GetAtt") ->
                            List.of(constructScalar(scalar).split("\\.", 2));
                        case ScalarNode scalar -> constructScalar(scalar);
                        case SequenceNode sequence -> constructSequence(sequence);
                        case MappingNode mapping -> constructMapping(mapping);
                        default -> throw new IllegalArgumentException("unexpected YAML node " + node);
                    };
                    return Map.of(key, value);
                }
            });
        }
    }
}
