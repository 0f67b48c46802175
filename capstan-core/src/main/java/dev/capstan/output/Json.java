package dev.capstan.output;

/** A tiny JSON string encoder (RFC 8259 escapes), enough for one object per line. */
final class Json {
    private final StringBuilder sb = new StringBuilder("{");

    Json field(String name, Object value) {
        if (value == null) return this;
        if (sb.length() > 1) sb.append(',');
        string(name);
        sb.append(':');
        if (value instanceof Number || value instanceof Boolean) sb.append(value);
        else string(String.valueOf(value));
        return this;
    }

    @Override
    public String toString() {
        return sb + "}";
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
