package dev.roster.core;

import java.util.Map;

/**
 * Reads a function's configuration from its environment (set by {@code template.yaml}, or by the local
 * stack from the same template). A missing required variable fails at start-up with its name, not later
 * with a null.
 */
public final class Env {
    private final Map<String, String> variables;

    public Env(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    /** This configuration with one more value (e.g. a key read at start-up from where the environment points). */
    public Env with(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(variables);
        more.put(name, value);
        return new Env(more);
    }

    public String required(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set (template.yaml sets it)");
        }
        return value;
    }

    public String optional(String name, String fallback) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public long longValue(String name, long fallback) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    "environment variable " + name + " must be a whole number, was '" + value + "'");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Env other && variables.equals(other.variables);
    }

    @Override
    public int hashCode() {
        return variables.hashCode();
    }
}
