package dev.capstan.remote;

/**
 * Arguments of a command that are not plain values. Plain values are shell-escaped;
 * {@link Raw} is passed to the shell as written (redirections, globs); {@link Redacted}
 * is escaped and sent, but shown as {@code [REDACTED]} in every output.
 */
public sealed interface Arg {
    record Raw(String text) implements Arg {
        @Override public String toString() { return text; }
    }

    record Redacted(String value) implements Arg {
        /** How a redacted value is shown. */
        public static final String SHOWN = "[REDACTED]";

        @Override public String toString() { return SHOWN; }
    }

    static Raw raw(String text) { return new Raw(text); }

    static Redacted redact(Object value) { return new Redacted(String.valueOf(value)); }
}
