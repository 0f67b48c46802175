package dev.capstan.cli;

import picocli.CommandLine;

import java.io.PrintStream;
import java.nio.file.Path;

/** Entry point: parse, then one call into {@link Run}; the exit status is the only result. */
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private Main() {}

    public static void main(String[] args) {
        // before picocli touches anything: otherwise it loads the Groovy runtime to support closures (~400 ms)
        System.setProperty("picocli.disable.closures", "true");
        if (args.length == 1 && args[0].equals(ClassCacheTraining.FLAG)) System.exit(ClassCacheTraining.run());
        int status = run(args, System.out, System.err, Path.of("").toAbsolutePath(), System.getenv());
        System.exit(status);
    }

    /** Runs one command line; used by tests too. */
    public static int run(String[] args, PrintStream out, PrintStream err, Path cwd, java.util.Map<String, String> env) {
        System.setProperty("picocli.disable.closures", "true");
        Options options = new Options();
        CommandLine cl = new CommandLine(options).setUnmatchedOptionsArePositionalParams(false);
        try {
            CommandLine.ParseResult parsed = cl.parseArgs(args);
            if (parsed.isUsageHelpRequested()) {
                cl.usage(out);
                return OK;
            }
            if (parsed.isVersionHelpRequested()) {
                cl.printVersionHelp(out);
                return OK;
            }
        } catch (CommandLine.ParameterException e) {
            err.println("capstan: " + e.getMessage());
            err.println("See `capstan --help`.");
            return USAGE;
        }
        Path dir = options.directory == null ? cwd : cwd.resolve(options.directory);
        return new Run(options, out, err, dir, env).execute();
    }
}
