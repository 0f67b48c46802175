package dev.capstan.output;

import dev.capstan.remote.Verbosity;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * How a run shows itself.
 *
 * @param format   concise (default), pretty, dot or json
 * @param logLevel lowest level shown on the console
 * @param out      the console
 * @param color    ANSI colours (only on a terminal, never with NO_COLOR)
 * @param terminal the console is a terminal: live status line, long lines cut to {@code width} (concise)
 * @param logFile  full-detail log ({@code log/capstan.log}), or null
 * @param report   self-contained HTML report, or null
 * @param secrets  values to mask wherever they appear (asked again for every event: values may appear later)
 * @param err      where the failure summary goes (defaults to {@code out})
 * @param width    terminal width in columns; 0 = {@code $COLUMNS}, else 80
 */
public record OutputOptions(String format, Verbosity logLevel, PrintStream out, boolean color, boolean terminal,
                            Path logFile, Path report, Supplier<Collection<String>> secrets, PrintStream err, int width) {

    public OutputOptions(String format, Verbosity logLevel, PrintStream out, boolean color, boolean terminal,
                         Path logFile, Path report, Supplier<Collection<String>> secrets) {
        this(format, logLevel, out, color, terminal, logFile, report, secrets, out, 0);
    }

    /** The width long lines are cut to, or 0 when they are not cut (not a terminal). */
    int columns() {
        if (!terminal) return 0;
        if (width > 0) return width;
        try {
            int c = Integer.parseInt(String.valueOf(System.getenv("COLUMNS")).trim());
            return c > 10 ? c : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
