package dev.capstan.cli.imports;

import java.util.function.Function;

/** Ruby string literals as Groovy ones: '…' stays plain, "…#{x}…" becomes a GString, text with newlines triple-quoted. */
final class GroovyStrings {
    private GroovyStrings() {}

    /** A plain (non-interpolating) string with this exact content. */
    static String plain(String content) {
        String escaped = content.replace("\\", "\\\\").replace("'", "\\'");
        return content.contains("\n") ? "'''" + escaped + "'''" : "'" + escaped + "'";
    }

    /**
     * A Ruby double-quoted string's content (escapes as written); each {@code #{expr}} goes through
     * {@code expression}. Without interpolation the result is a plain string.
     */
    static String interpolating(String raw, Function<String, String> expression) {
        if (!raw.contains("#{")) return plain(unescape(raw));
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char n = raw.charAt(i + 1);
                sb.append(n == '#' ? "#" : n == 'e' ? "\\u001B" : n == '$' ? "\\$" : "\\" + n);
                i += 2;
            } else if (c == '#' && i + 1 < raw.length() && raw.charAt(i + 1) == '{') {
                int end = closing(raw, i + 2);
                sb.append("${").append(expression.apply(raw.substring(i + 2, end))).append('}');
                i = end + 1;
            } else {
                sb.append(c == '$' ? "\\$" : c == '\n' ? "\\n" : String.valueOf(c));
                i++;
            }
        }
        return "\"" + sb + "\"";
    }

    /** The content of a Ruby double-quoted string without interpolation, as characters. */
    static String unescape(String raw) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 >= raw.length()) { sb.append(c); continue; }
            char n = raw.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'e' -> sb.append('\u001B');
                case 's' -> sb.append(' ');
                case '0' -> sb.append('\0');
                default -> sb.append(n);
            }
        }
        return sb.toString();
    }

    private static int closing(String s, int from) {
        int depth = 1;
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '{') depth++;
            else if (s.charAt(i) == '}' && --depth == 0) return i;
        }
        throw new Untranslatable("unterminated #{ in a string");
    }
}
