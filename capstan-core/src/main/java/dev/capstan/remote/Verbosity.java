package dev.capstan.remote;

import java.util.Locale;

/** Log levels, SSHKit's order. Commands run by {@code execute} are INFO, by {@code test}/{@code capture} DEBUG. */
public enum Verbosity {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    public static Verbosity parse(Object value) {
        if (value instanceof Verbosity v) return v;
        try {
            return valueOf(String.valueOf(value).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown log level '" + value + "' (use trace, debug, info, warn, error or fatal)");
        }
    }

    public boolean atLeast(Verbosity other) { return compareTo(other) >= 0; }
}
