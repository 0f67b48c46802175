package dev.capstan.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A declared variable: its name, type, default (as shown in docs), one line of documentation, and whether the
 * plugin cannot work without it. Plugins list theirs ({@code Plugin.variables()}); {@code doctor}, the docs and
 * the check before connecting read the same table.
 *
 * @param choices for {@link Type#CHOICE}: the allowed values
 * @param min     for {@link Type#INTEGER}: the smallest allowed value, or null
 */
public record Variable(String name, Type type, Object defaultValue, String doc, boolean required, List<String> choices, Integer min) {
    /** What a value must be; {@link #ANY} is never checked. */
    public enum Type { TEXT, INTEGER, BOOLEAN, LIST, MAP, CHOICE, ANY }

    public static Variable text(String name, Object defaultValue, String doc) {
        return new Variable(name, Type.TEXT, defaultValue, doc, false, List.of(), null);
    }

    public static Variable integer(String name, Integer defaultValue, Integer min, String doc) {
        return new Variable(name, Type.INTEGER, defaultValue, doc, false, List.of(), min);
    }

    public static Variable bool(String name, Boolean defaultValue, String doc) {
        return new Variable(name, Type.BOOLEAN, defaultValue, doc, false, List.of(), null);
    }

    public static Variable list(String name, String doc) {
        return new Variable(name, Type.LIST, List.of(), doc, false, List.of(), null);
    }

    public static Variable map(String name, String doc) {
        return new Variable(name, Type.MAP, Map.of(), doc, false, List.of(), null);
    }

    public static Variable choice(String name, String defaultValue, List<String> choices, String doc) {
        return new Variable(name, Type.CHOICE, defaultValue, doc, false, List.copyOf(choices), null);
    }

    public static Variable any(String name, Object defaultValue, String doc) {
        return new Variable(name, Type.ANY, defaultValue, doc, false, List.of(), null);
    }

    /** The same declaration, required by its plugin. */
    public Variable requiredByPlugin() {
        return new Variable(name, type, defaultValue, doc, true, choices, min);
    }

    /** Why {@code value} does not fit, or null when it does (null and unchecked types always fit). */
    public String mismatch(Object value) {
        if (value == null || type == Type.ANY) return null;
        switch (type) {
            case INTEGER -> {
                Long n = whole(value);
                if (n == null) return "must be a whole number, not " + shown(value);
                if (min != null && n < min) return "must be at least " + min + ", not " + n;
                return null;
            }
            case BOOLEAN -> {
                if (value instanceof Boolean) return null;
                String s = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
                return s.equals("true") || s.equals("false") ? null : "must be true or false, not " + shown(value);
            }
            case LIST -> {
                return value instanceof Collection<?> || value instanceof Object[] || value instanceof CharSequence ? null
                        : "must be a list, e.g. ['a', 'b'], not " + shown(value);
            }
            case MAP -> {
                return value instanceof Map<?, ?> ? null : "must be a map, e.g. [key: 'value'], not " + shown(value);
            }
            case CHOICE -> {
                String s = String.valueOf(value).trim();
                return choices.contains(s) ? null : "must be one of " + String.join(", ", choices) + ", not " + shown(value)
                        + NearestNames.hint(s, choices);
            }
            default -> {
                return value instanceof Collection<?> || value instanceof Map<?, ?> ? "must be text, not " + shown(value) : null;
            }
        }
    }

    private static Long whole(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) return ((Number) value).longValue();
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String shown(Object value) {
        return value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
    }
}
