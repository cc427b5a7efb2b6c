package dev.roster.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.roster.emulator.SamTemplate.asList;
import static dev.roster.emulator.SamTemplate.asMap;

/**
 * Evaluates the CloudFormation intrinsic functions roster's template uses ({@code Ref}, {@code Fn::Sub},
 * {@code Fn::GetAtt}, {@code Fn::If}, {@code Fn::Equals}, {@code Fn::Join}, {@code Fn::Select}) against
 * local values: parameter defaults, pseudo parameters and the physical names the local stack gave each
 * resource.
 */
public final class Intrinsics {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final SamTemplate template;
    private final Map<String, String> references;
    private final Function<String, String> attributes;

    /**
     * @param references  value of {@code Ref} for each name: parameters, pseudo parameters, resources
     * @param attributes  value of {@code Fn::GetAtt} for {@code "LogicalId.Attribute"}
     */
    public Intrinsics(SamTemplate template, Map<String, String> references, Function<String, String> attributes) {
        this.template = template;
        this.references = Map.copyOf(references);
        this.attributes = attributes;
    }

    public Object evaluate(Object value) {
        if (value instanceof Map<?, ?> raw) {
            Map<String, Object> map = asMap(raw);
            if (map.size() == 1) {
                String key = map.keySet().iterator().next();
                Object argument = map.get(key);
                switch (key) {
                    case "Ref":
                        return ref(argument.toString());
                    case "Fn::Sub":
                        return sub(argument);
                    case "Fn::GetAtt": {
                        List<Object> parts = asList(argument);
                        return getAtt(parts.get(0) + "." + parts.get(1));
                    }
                    case "Fn::If": {
                        List<Object> parts = asList(argument);
                        return evaluate(condition(parts.get(0).toString()) ? parts.get(1) : parts.get(2));
                    }
                    case "Fn::Equals": {
                        List<Object> parts = asList(argument);
                        return String.valueOf(evaluate(parts.get(0))).equals(String.valueOf(evaluate(parts.get(1))));
                    }
                    case "Fn::Join": {
                        List<Object> parts = asList(argument);
                        List<String> items = new ArrayList<>();
                        for (Object item : asList(evaluate(parts.get(1)))) {
                            items.add(String.valueOf(item));
                        }
                        return String.join(parts.get(0).toString(), items);
                    }
                    case "Fn::Select": {
                        List<Object> parts = asList(argument);
                        int index = Integer.parseInt(String.valueOf(evaluate(parts.get(0))));
                        return asList(evaluate(parts.get(1))).get(index);
                    }
                    default:
                        if (key.startsWith("Fn::")) {
                            throw new UnsupportedOperationException("the local stack cannot evaluate " + key);
                        }
                }
            }
            Map<String, Object> evaluated = new LinkedHashMap<>();
            map.forEach((k, v) -> evaluated.put(k, evaluate(v)));
            return evaluated;
        }
        if (value instanceof List<?> list) {
            List<Object> evaluated = new ArrayList<>();
            list.forEach(item -> evaluated.add(evaluate(item)));
            return evaluated;
        }
        return value;
    }

    public String evaluateString(Object value) {
        return String.valueOf(evaluate(value));
    }

    public boolean condition(String name) {
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw new IllegalArgumentException("template.yaml has no condition " + name);
        }
        return Boolean.TRUE.equals(evaluate(definition));
    }

    private Object ref(String name) {
        String value = references.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the local stack has no value for !Ref " + name);
        }
        Map<String, Object> parameter = template.parameters().containsKey(name)
                ? asMap(template.parameters().get(name)) : Map.of();
        if ("CommaDelimitedList".equals(parameter.get("Type"))) {
            return List.of(value.split("\\s*,\\s*"));
        }
        return value;
    }

    private String getAtt(String name) {
        String value = attributes.apply(name);
        if (value == null) {
            throw new IllegalArgumentException("the local stack has no value for !GetAtt " + name);
        }
        return value;
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> list) {
            text = list.get(0).toString();
            variables = asMap(list.get(1));
        } else {
            text = argument.toString();
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String replacement;
            if (variables.containsKey(variable)) {
                replacement = evaluateString(variables.get(variable));
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                replacement = getAtt(variable);
            } else {
                replacement = String.valueOf(ref(variable));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString().replace("${!", "${");
    }
}
