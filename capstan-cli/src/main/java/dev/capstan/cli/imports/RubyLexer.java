package dev.capstan.cli.imports;

import dev.capstan.cli.imports.RubyToken.Kind;

import java.util.ArrayList;
import java.util.List;

/** Splits a statement of Ruby into tokens; what it cannot read raises {@link Untranslatable}. */
final class RubyLexer {
    private static final String[] OPS = {"||=", "&&=", "**", "=>", "->", "==", "!=", "<=", ">=", "&&", "||", "::", "+=", "-=", "<<",
            "..", "=~", "&.", "(", ")", "[", "]", "{", "}", ",", ".", "|", "=", "+", "-", "*", "/", "%", "<", ">", "!", "?", ":", ";", "&"};

    private final String src;
    private int i;

    private RubyLexer(String src) {
        this.src = src;
    }

    static List<RubyToken> tokens(String src) {
        return new RubyLexer(src).all();
    }

    private List<RubyToken> all() {
        List<RubyToken> out = new ArrayList<>();
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '\n') { out.add(RubyToken.of(Kind.NEWLINE, "\n")); i++; continue; }
            if (Character.isWhitespace(c)) { i++; continue; }
            if (c == '\\' && i + 1 < src.length() && src.charAt(i + 1) == '\n') { i += 2; continue; }
            if (c == '#') { out.add(RubyToken.of(Kind.COMMENT, src.substring(i + 1, lineEnd()).strip())); i = lineEnd(); continue; }
            if (c == '\'' || c == '"' || c == '`') { out.add(string(c)); continue; }
            if (c == '%' && i + 2 < src.length() && "wWiI".indexOf(src.charAt(i + 1)) >= 0 && "{([<|".indexOf(src.charAt(i + 2)) >= 0) { out.add(words()); continue; }
            if (c == '%' && i + 1 < src.length() && "{([|".indexOf(src.charAt(i + 1)) >= 0 && startsOperand(out)) { out.add(percentString(i + 1, true)); continue; }
            if (c == '%' && i + 2 < src.length() && "qQ".indexOf(src.charAt(i + 1)) >= 0 && "{([<|".indexOf(src.charAt(i + 2)) >= 0) {
                out.add(percentString(i + 2, src.charAt(i + 1) == 'Q'));
                continue;
            }
            if (c == ':' && i + 1 < src.length() && (src.charAt(i + 1) == '"' || src.charAt(i + 1) == '\'')) {
                i++;
                RubyToken s = string(src.charAt(i));
                out.add(RubyToken.of(Kind.SYMBOL, s.text()));
                continue;
            }
            if (c == ':' && i + 1 < src.length() && isIdentStart(src.charAt(i + 1)) && !(i > 0 && src.charAt(i - 1) == ':')) {
                int start = ++i;
                identEnd();
                out.add(RubyToken.of(Kind.SYMBOL, src.substring(start, i)));
                continue;
            }
            if (Character.isDigit(c)) { out.add(number()); continue; }
            if (isIdentStart(c) || c == '@' || c == '$') { out.add(identifier()); continue; }
            out.add(op());
        }
        return out;
    }

    private RubyToken identifier() {
        int start = i;
        if (src.charAt(i) == '@' || src.charAt(i) == '$') i++;
        identEnd();
        if (i < src.length() && (src.charAt(i) == '?' || src.charAt(i) == '!') && !(i + 1 < src.length() && src.charAt(i + 1) == '=')) i++;
        String name = src.substring(start, i);
        if (i < src.length() && src.charAt(i) == ':' && !(i + 1 < src.length() && src.charAt(i + 1) == ':')) {
            i++;
            return RubyToken.of(Kind.LABEL, name);
        }
        return RubyToken.of(Character.isUpperCase(name.charAt(0)) ? Kind.CONSTANT : Kind.WORD, name);
    }

    private void identEnd() {
        while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) i++;
    }

    private RubyToken number() {
        int start = i;
        while (i < src.length() && (Character.isDigit(src.charAt(i)) || src.charAt(i) == '_'
                || (src.charAt(i) == '.' && i + 1 < src.length() && Character.isDigit(src.charAt(i + 1))))) i++;
        return RubyToken.of(Kind.NUMBER, src.substring(start, i).replace("_", ""));
    }

    private RubyToken op() {
        for (String op : OPS) {
            if (src.startsWith(op, i)) {
                i += op.length();
                return RubyToken.of(Kind.OP, op);
            }
        }
        throw new Untranslatable("cannot read '" + src.charAt(i) + "'");
    }

    private RubyToken string(char quote) {
        StringBuilder sb = new StringBuilder();
        i++;
        int depth = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '\\' && i + 1 < src.length()) {
                char n = src.charAt(i + 1);
                if (quote == '\'') sb.append(n == '\'' || n == '\\' ? String.valueOf(n) : "\\" + n);
                else sb.append('\\').append(n);
                i += 2;
                continue;
            }
            if (quote != '\'' && c == '#' && i + 1 < src.length() && src.charAt(i + 1) == '{') depth++;
            else if (depth > 0 && c == '}') depth--;
            else if (depth == 0 && c == quote) {
                i++;
                return new RubyToken(quote == '`' ? Kind.COMMAND : Kind.STRING, sb.toString(), quote != '\'', List.of());
            }
            sb.append(c);
            i++;
        }
        throw new Untranslatable("unterminated string");
    }

    private RubyToken percentString(int open, boolean interpolating) {
        char o = src.charAt(open);
        char close = closer(o);
        int end = src.indexOf(close, open + 1);
        if (end < 0) throw new Untranslatable("unterminated %-string");
        i = end + 1;
        return new RubyToken(Kind.STRING, src.substring(open + 1, end), interpolating, List.of());
    }

    private RubyToken words() {
        char close = closer(src.charAt(i + 2));
        int end = src.indexOf(close, i + 3);
        if (end < 0) throw new Untranslatable("unterminated %w list");
        String body = src.substring(i + 3, end).strip();
        i = end + 1;
        return new RubyToken(Kind.WORDS, body, false, body.isEmpty() ? List.of() : List.of(body.split("\\s+")));
    }

    private static char closer(char o) {
        return switch (o) { case '{' -> '}'; case '(' -> ')'; case '[' -> ']'; case '<' -> '>'; default -> o; };
    }

    private static boolean startsOperand(List<RubyToken> before) {
        if (before.isEmpty()) return true;
        RubyToken last = before.get(before.size() - 1);
        return last.kind() == Kind.OP && !last.isOp(")") && !last.isOp("]") || last.kind() == Kind.WORD;
    }

    private int lineEnd() {
        int n = src.indexOf('\n', i);
        return n < 0 ? src.length() : n;
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }
}
