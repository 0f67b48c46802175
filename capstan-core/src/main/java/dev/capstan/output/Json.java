package dev.capstan.output;

/** A tiny JSON string encoder (RFC 8259 escapes), enough for one object per line; maps nest as objects. */
public final class Json {
    private final StringBuilder sb = new StringBuilder("{");

    public Json field(String name, Object value) {
        if (value == null) return this;
        if (sb.length() > 1) sb.append(',');
        string(name);
        sb.append(':');
        value(value);
        return this;
    }

    private void value(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else if (value instanceof Json nested) {
            sb.append(nested);
        } else if (value instanceof java.util.Map<?, ?> map) {
            Json nested = new Json();
            map.forEach((k, v) -> nested.field(String.valueOf(k), v));
            sb.append(nested);
        } else if (value instanceof Iterable<?> list) {
            sb.append('[');
            boolean first = true;
            for (Object o : list) {
                if (!first) sb.append(',');
                first = false;
                if (o == null) sb.append("null");
                else value(o);
            }
            sb.append(']');
        } else {
            string(String.valueOf(value));
        }
    }

    @Override
    public String toString() {
        return sb + "}";
    }

    private void string(String s) {
        sb.append('"');
        escapeTo(sb, s);
        sb.append('"');
    }

    /** The JSON string escapes of {@code s}, without the quotes. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        escapeTo(out, s);
        return out.toString();
    }

    private static void escapeTo(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isHighSurrogate(c) ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || loneSurrogate) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
    }
}
