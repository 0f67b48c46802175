package dev.capstan.cli.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a Ruby file into logical statements: a line continues while a bracket is open or it ends with
 * a comma, an operator or a backslash, or the next line starts with {@code .method}; a heredoc becomes a
 * double-quoted string. Blank lines are kept as empty statements so the output keeps the file's shape.
 */
final class RubyStatements {
    private static final Pattern HEREDOC = Pattern.compile("<<([~-]?)(['\"]?)([A-Z_][A-Z0-9_]*)\\2");

    private RubyStatements() {}

    static List<RubyStatement> of(String source) {
        String[] lines = source.split("\n", -1);
        List<RubyStatement> out = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            int start = i;
            List<String> raw = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            while (true) {
                String line = lines[i];
                raw.add(line);
                i++;
                Matcher h = HEREDOC.matcher(line);
                if (h.find() && !inString(line, h.start())) {
                    List<String> body = new ArrayList<>();
                    while (i < lines.length && !lines[i].strip().equals(h.group(3))) {
                        raw.add(lines[i]);
                        body.add(lines[i++]);
                    }
                    if (i < lines.length) raw.add(lines[i++]);
                    String literal = heredoc(body, h.group(1).equals("~"), !h.group(2).equals("'"));
                    line = line.substring(0, h.start()) + literal + line.substring(h.end());
                }
                text.append(text.length() == 0 ? "" : "\n").append(line);
                if (i >= lines.length || !continues(text.toString(), lines[i])) break;
            }
            out.add(new RubyStatement(start + 1, text.toString(), raw));
        }
        return out;
    }

    private static boolean continues(String soFar, String next) {
        if (depth(soFar) > 0) return true;
        String code = stripComment(soFar.substring(soFar.lastIndexOf('\n') + 1)).stripTrailing();
        if (code.endsWith(",") || code.endsWith("\\") || code.endsWith("&&") || code.endsWith("||") || code.endsWith("+")
                || code.endsWith("=") && !code.endsWith("==") || code.endsWith(".")) return true;
        return next.strip().startsWith(".") && !next.strip().startsWith("..");
    }

    /** Open brackets outside strings and comments. */
    static int depth(String s) {
        int[] d = {0};
        scan(s, c -> {
            if (c == '(' || c == '[' || c == '{') d[0]++;
            else if (c == ')' || c == ']' || c == '}') d[0]--;
        });
        return d[0];
    }

    private static String stripComment(String line) {
        int at = scan(line, c -> {});
        return at < 0 ? line : line.substring(0, at);
    }

    /** Feeds each character outside strings and comments to {@code code}; returns where the first comment starts, or -1. */
    private static int scan(String s, java.util.function.IntConsumer code) {
        int comment = -1;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '#') {
                if (comment < 0) comment = i;
                int n = s.indexOf('\n', i);
                if (n < 0) break;
                i = n;
            } else if ((c == '\'' || c == '"') && !(i > 0 && s.charAt(i - 1) == '?')) quote = c;
            else code.accept(c);
        }
        return comment;
    }

    private static boolean inString(String line, int pos) {
        return stripComment(line.substring(0, pos)).length() < pos || countQuotes(line.substring(0, pos)) % 2 == 1;
    }

    private static int countQuotes(String s) {
        int n = 0;
        for (char c : s.toCharArray()) if (c == '"' || c == '\'') n++;
        return n;
    }

    private static String heredoc(List<String> body, boolean squiggly, boolean interpolating) {
        int indent = Integer.MAX_VALUE;
        if (squiggly) for (String l : body) if (!l.isBlank()) indent = Math.min(indent, l.length() - l.stripLeading().length());
        StringBuilder sb = new StringBuilder("\"");
        for (String l : body) {
            String line = squiggly && l.length() >= indent ? l.substring(indent) : l;
            if (!interpolating) line = line.replace("\\", "\\\\").replace("#{", "\\#{");
            sb.append(line.replace("\"", "\\\"")).append('\n');
        }
        return sb.append('"').toString();
    }
}
