package dev.capstan.e2e;

/**
 * Reads fields of Capstan's {@code --format json} lines (one flat object per line, docs/output.md) without a JSON
 * library: the harness only needs the event name and a few string fields.
 */
final class JsonEvents {
    private JsonEvents() {}

    static boolean is(String line, String event) {
        return line.startsWith("{\"event\":\"" + event + "\"");
    }

    /** The unescaped value of string field {@code name}, or null when the line has none. */
    static String field(String line, String name) {
        String key = "\"" + name + "\":\"";
        int i = line.indexOf(key);
        if (i < 0) return null;
        StringBuilder sb = new StringBuilder();
        for (int j = i + key.length(); j < line.length(); j++) {
            char c = line.charAt(j);
            if (c == '"') return sb.toString();
            if (c == '\\' && j + 1 < line.length()) {
                char n = line.charAt(++j);
                switch (n) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'u':
                        sb.append((char) Integer.parseInt(line.substring(j + 1, j + 5), 16));
                        j += 4;
                        break;
                    default: sb.append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return null;
    }
}
