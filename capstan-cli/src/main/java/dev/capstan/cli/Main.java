package dev.capstan.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/** Entry point: parse, then one call into {@link Run}; the exit status is the only result. */
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private Main() {}

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals(ClassCacheTraining.FLAG)) System.exit(ClassCacheTraining.run());
        RunSecrets secrets = new RunSecrets();
        // what libraries, the JVM and task code print there (MINA's log, an uncaught exception, println) is masked too
        PrintStream err = secrets.masked(System.err, RunSecrets.encodingOf("stderr"));
        PrintStream out = secrets.masked(System.out, RunSecrets.encodingOf("stdout"));
        System.setErr(err);
        System.setOut(out);
        int status = run(args, out, err, Path.of("").toAbsolutePath(), System.getenv(), secrets);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs one command line; used by tests too. Secrets never reach {@code err} (written as UTF-8). */
    public static int run(String[] args, PrintStream out, PrintStream err, Path cwd, java.util.Map<String, String> env) {
        RunSecrets secrets = new RunSecrets();
        return run(args, out, secrets.masked(err, java.nio.charset.StandardCharsets.UTF_8), cwd, env, secrets);
    }

    private static int run(String[] args, PrintStream out, PrintStream err, Path cwd, java.util.Map<String, String> env, RunSecrets secrets) {
        Options options;
        try {
            options = CommandLineParser.parse(args);
        } catch (CommandLineParser.UsageException e) {
            err.println("capstan: " + e.getMessage());
            err.println("See `capstan --help`.");
            return USAGE;
        }
        if (options.help) {
            Usage.help(out);
            return OK;
        }
        if (options.version) {
            Usage.version(out);
            return OK;
        }
        Path dir = options.directory == null ? cwd : cwd.resolve(options.directory);
        return new Run(options, out, err, dir, env, secrets).execute();
    }
}
