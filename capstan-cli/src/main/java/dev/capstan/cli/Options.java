package dev.capstan.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/** The command line, as {@code cap}'s: {@code capstan [options] STAGE TASK... [NAME=value...]}. */
@Command(name = "capstan", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        usageHelpWidth = 110,
        description = {"Deploy and automate remote work over SSH, the Capistrano way.", ""},
        footer = {"", "Examples:",
                "  capstan install --stages staging,production   scaffold a project",
                "  capstan -T                                    list tasks",
                "  capstan production deploy                     deploy",
                "  capstan production deploy:rollback            roll back",
                "  capstan --dry-run staging deploy              print every command, touch nothing",
                "", "Exit status: 0 success, 1 a task failed, 2 usage or configuration error."})
final class Options {
    @Parameters(paramLabel = "ARGS", description = "STAGE, then TASK names, then NAME=value settings; or `install`.")
    List<String> args = new ArrayList<>();

    @Option(names = {"-T", "--tasks"}, description = "List tasks with descriptions (only those matching PATTERN, if given as -T=PATTERN).",
            arity = "0..1", paramLabel = "PATTERN", fallbackValue = "")
    String tasks;

    @Option(names = {"-A", "--all"}, description = "With -T, also list tasks without a description.")
    boolean all;

    @Option(names = {"-P", "--prereqs"}, description = "Show each task's prerequisites and after-hooks.")
    boolean prereqs;

    @Option(names = {"-p", "--print-config-variables"}, description = "Print every variable as it is set, and all at deploy:starting.")
    boolean printConfig;

    @Option(names = {"-n", "--dry-run"}, description = "Print every command that would run; touch no host.")
    boolean dryRun;

    @Option(names = {"-z", "--hosts"}, paramLabel = "HOSTS", description = "Run only on these hosts (comma list or regex; !name excludes).")
    List<String> hosts = new ArrayList<>();

    @Option(names = {"-r", "--roles"}, paramLabel = "ROLES", description = "Run only on hosts with these roles (comma list or /regex/).")
    List<String> roles = new ArrayList<>();

    @Option(names = "--format", paramLabel = "NAME", description = "Output: concise (default), pretty, dot or json.")
    String format;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "Console level: trace, debug, info (default), warn, error.")
    String logLevel;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a self-contained HTML report of the run.")
    String report;

    @Option(names = "--force-unlock", description = "Break a deploy lock held by another run before taking it.")
    boolean forceUnlock;

    @Option(names = {"-t", "--trace"}, description = "Show task invocations and full stack traces.")
    boolean trace;

    @Option(names = "--stages", split = ",", paramLabel = "STAGES", description = "With install: the stage files to create (default staging,production).")
    List<String> stages = new ArrayList<>(List.of("staging", "production"));

    @Option(names = {"-C", "--directory"}, paramLabel = "DIR", description = "Run as if started in DIR.")
    String directory;
}
