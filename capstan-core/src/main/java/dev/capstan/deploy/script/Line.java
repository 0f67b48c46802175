package dev.capstan.deploy.script;

import dev.capstan.remote.Arg;
import dev.capstan.remote.Shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One step of a {@link Script}: shell text as written, and values as single shell words ({@link Shell#escape}).
 * A secret word is sent like any value but shown as {@code [REDACTED]}. Immutable: each method returns a new line.
 */
public record Line(List<Token> tokens) implements Script {
    /** A piece of the line: shell text, a quoted value, or a quoted secret. */
    public record Token(String sent, String shown) {}

    public Line {
        tokens = List.copyOf(tokens);
    }

    /** Shell text, written as it is (operators, redirections, {@code "$var"}). */
    public Line text(String shell) {
        return with(new Token(shell, shell));
    }

    /** A value as one shell word whose value is exactly {@code value}. */
    public Line word(String value) {
        String w = Shell.escape(value);
        return with(new Token(w, w));
    }

    /** Values as shell words separated by blanks. */
    public Line words(Collection<String> values) {
        Line l = this;
        boolean first = true;
        for (String v : values) {
            l = (first ? l : l.text(" ")).word(v);
            first = false;
        }
        return l;
    }

    /** A value sent as one shell word and shown as {@code [REDACTED]}. */
    public Line secret(String value) {
        return with(new Token(Shell.escape(value), Arg.Redacted.SHOWN));
    }

    /** This line followed directly by {@code more} (no blank in between). */
    public Line append(Line more) {
        List<Token> next = new ArrayList<>(tokens);
        next.addAll(more.tokens);
        return new Line(next);
    }

    private Line with(Token t) {
        List<Token> next = new ArrayList<>(tokens);
        next.add(t);
        return new Line(next);
    }

    @Override
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) sb.append(t.sent());
        return sb.toString();
    }

    @Override
    public String shown() {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) sb.append(t.shown());
        return sb.toString();
    }

    @Override
    public String layout() { return shown(); }
}
