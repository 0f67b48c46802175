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
 * @param logFile  full-detail log ({@code log/capstan.log}), or null
 * @param report   self-contained HTML report, or null
 * @param secrets  values to mask wherever they appear
 */
public record OutputOptions(String format, Verbosity logLevel, PrintStream out, boolean color, boolean terminal,
                            Path logFile, Path report, Supplier<Collection<String>> secrets) {}
