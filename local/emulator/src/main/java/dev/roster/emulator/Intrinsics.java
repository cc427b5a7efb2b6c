package dev.roster.emulator;

import static dev.roster.emulator.SamTemplate.asList;
import static dev.roster.emulator.SamTemplate.asMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the CloudFormation intrinsic functions roster's template uses ({@code Ref}, {@code Fn::Sub},
 * {@code Fn::GetAtt}, {@code Fn::If}, {@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or},
 * {@code Fn::Join}, {@code Fn::Split}, {@code Fn::Select}) against local values: parameter defaults, pseudo
 * parameters and the physical names the local stack gave each resource. {@code !Ref AWS::NoValue} removes the
 * property (or list item) it stands for, as CloudFormation does.
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

    /** What {@code !Ref AWS::NoValue} evaluates to until the enclosing map or list drops it. */
    private static final Object NO_VALUE = new Object();

    public Object evaluate(Object value) {
        Object evaluated = evaluateOrNoValue(value);
        return evaluated == NO_VALUE ? null : evaluated;
    }

    private Object evaluateOrNoValue(Object value) {
        if (value instanceof Map<?, ?> raw) {
            Map<String, Object> map = asMap(raw);
            if (map.size() == 1) {
                String key = map.keySet().iterator().next();
                Object argument = map.get(key);
                switch (key) {
                    case "Ref":
                        return argument.toString().equals("AWS::NoValue") ? NO_VALUE : ref(argument.toString());
                    case "Fn::Sub":
                        return sub(argument);
                    case "Fn::GetAtt": {
                        List<Object> parts = asList(argument);
                        return getAtt(parts.get(0) + "." + parts.get(1));
                    }
                    case "Fn::If": {
                        List<Object> parts = asList(argument);
                        return evaluateOrNoValue(condition(parts.get(0).toString()) ? parts.get(1) : parts.get(2));
                    }
                    case "Fn::Not":
                        return !Boolean.TRUE.equals(evaluate(asList(argument).getFirst()));
                    case "Fn::And":
                        return asList(argument).stream().allMatch(c -> Boolean.TRUE.equals(evaluate(c)));
                    case "Fn::Or":
                        return asList(argument).stream().anyMatch(c -> Boolean.TRUE.equals(evaluate(c)));
                    case "Condition":
                        return condition(argument.toString());
                    case "Fn::Split": {
                        List<Object> parts = asList(argument);
                        return List.<Object>of(evaluateString(parts.get(1))
                                .split(Pattern.quote(parts.get(0).toString()), -1));
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
            map.forEach((k, v) -> {
                Object item = evaluateOrNoValue(v);
                if (item != NO_VALUE) {
                    evaluated.put(k, item);
                }
            });
            return evaluated;
        }
        if (value instanceof List<?> list) {
            List<Object> evaluated = new ArrayList<>();
            list.forEach(item -> {
                Object element = evaluateOrNoValue(item);
                if (element != NO_VALUE) {
                    evaluated.add(element);
                }
            });
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
                ? asMap(template.parameters().get(name))
                : Map.of();
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
