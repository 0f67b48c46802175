package dev.capstan.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line, as {@code cap}'s: {@code capstan [options] STAGE TASK... [NAME=value...]}.
 * Filled by {@link CommandLineParser}; the options themselves are listed once, in {@link OptionSpecs}.
 */
final class Options {
    /** STAGE, then TASK names, then NAME=value settings; or {@code install}. */
    List<String> args = new ArrayList<>();
    /** The command line as typed, options included (the log's START line, run_started). */
    List<String> argv = List.of();
    /** How many of {@link #args} came before a {@code --} (what follows it is a command's own words); -1 without one. */
    int beforeDashes = -1;
    /** Non-null when {@code -T} was given: the pattern, or "" for every task. */
    String tasks;
    boolean all;
    boolean prereqs;
    boolean printConfig;
    boolean dryRun;
    List<String> hosts = new ArrayList<>();
    List<String> roles = new ArrayList<>();
    String format;
    String logLevel;
    String report;
    boolean forceUnlock;
    boolean trace;
    /** {@code --stages}; null when not given (then STAGES=, then staging and production). */
    List<String> stages;
    boolean strict;
    String directory;
    boolean sequence;
    int limit;
    boolean help;
    boolean version;
}
