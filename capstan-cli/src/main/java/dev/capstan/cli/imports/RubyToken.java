package dev.capstan.cli.imports;

import java.util.List;

/**
 * One token of the Ruby subset deploy.rb files use. {@code text} is the identifier, operator or number;
 * for a string (or a `command`) its content without quotes ({@code interpolating} for "…" and heredocs), for a symbol or
 * label its name, for %w/%i its words.
 */
record RubyToken(Kind kind, String text, boolean interpolating, List<String> words) {
    enum Kind { WORD, CONSTANT, SYMBOL, LABEL, STRING, COMMAND, WORDS, NUMBER, OP, NEWLINE, COMMENT }

    static RubyToken of(Kind kind, String text) { return new RubyToken(kind, text, false, List.of()); }

    boolean is(Kind k, String t) { return kind == k && text.equals(t); }

    boolean isOp(String t) { return is(Kind.OP, t); }

    boolean isWord(String t) { return is(Kind.WORD, t); }

    @Override
    public String toString() { return kind + ":" + text; }
}
