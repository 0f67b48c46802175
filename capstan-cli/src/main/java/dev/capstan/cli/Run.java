package dev.capstan.cli;

import dev.capstan.config.ConfigException;
import dev.capstan.config.Configuration;
import dev.capstan.dsl.CommandLineEnv;
import dev.capstan.dsl.DslException;
import dev.capstan.dsl.Project;
import dev.capstan.dsl.ProjectLoader;
import dev.capstan.output.Output;
import dev.capstan.output.OutputOptions;
import dev.capstan.output.Outputs;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.RemoteException;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import dev.capstan.task.TaskException;
import dev.capstan.task.TaskFailedException;
import dev.capstan.task.TaskRunner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One invocation of {@code capstan}: load the project, pick the tasks, run them, report. */
final class Run {
    private final Options o;
    private final PrintStream out;
    private final PrintStream err;
    private final Path dir;
    private final Map<String, String> env;
    /** Set while tasks run: SIGTERM/Ctrl-C then stops the run cleanly (see {@link Interruption}). */
    private Interruption interruption;
    /** The NAME=value arguments over the process environment. */
    private CommandLineEnv vars = CommandLineEnv.NONE;

    Run(Options options, PrintStream out, PrintStream err, Path dir, Map<String, String> env) {
        this.o = options;
        this.out = out;
        this.err = err;
        this.dir = dir;
        this.env = env;
    }

    int execute() {
        try {
            return dispatch();
        } catch (DslException | ConfigException e) {
            return fail(Main.USAGE, e);
        } catch (TaskException e) {
            return fail(e instanceof TaskFailedException ? Main.FAILED : Main.USAGE, e);
        } catch (RemoteException e) {
            return fail(Main.FAILED, e);
        } catch (IOException e) {
            return fail(Main.FAILED, e);
        } finally {
            // after the failure is printed, so an interrupted run's last words come before the hook's
            if (interruption != null) interruption.close();
        }
    }

    private int dispatch() throws IOException {
        List<String> words = CommandLineEnv.others(o.args);
        vars = new CommandLineEnv(CommandLineEnv.assignments(o.args), env, n -> err.println("capstan: " + n));

        if (!words.isEmpty() && words.get(0).equals("install")) {
            Scaffold.install(dir, stages(), out, err);
            return Main.OK;
        }
        if (!words.isEmpty() && words.get(0).equals("import")) {
            return dev.capstan.cli.imports.ImportCommand.run(words.size() > 1 ? dir.resolve(words.get(1)) : dir, out, err);
        }
        ProjectLoader loader = new ProjectLoader();
        if (o.tasks != null) {
            Project p = loader.load(dir, null, vars);
            // `-T -A web`: the pattern came after another flag, so it arrived as a word
            String pattern = !o.tasks.isEmpty() ? o.tasks : words.isEmpty() ? null : words.get(0);
            TaskListing.tasks(p.tasks(), pattern, o.all, true, out);
            return Main.OK;
        }
        if (words.isEmpty()) {
            if (o.prereqs) {
                TaskListing.prerequisites(loader.load(dir, null, vars).tasks(), null, out);
                return Main.OK;
            }
            err.println("Stage not set, please call something such as `capstan production deploy`, where production is a stage you have defined.");
            return Main.USAGE;
        }
        String stage = words.get(0);
        Project project = loader.load(dir, stage, vars);
        if (o.prereqs) {
            TaskListing.prerequisites(project.tasks(), words.size() > 1 ? words.get(1) : null, out);
            return Main.OK;
        }
        List<String> taskNames = words.subList(1, words.size());
        for (String t : taskNames) project.tasks().require(t);
        List<String> problems = project.tasks().problems();
        if (!problems.isEmpty()) throw new ConfigException(String.join("\n", problems));
        return runTasks(project, taskNames);
    }

    private int runTasks(Project project, List<String> taskNames) {
        Configuration config = project.config();
        filters(config);
        if (o.printConfig) config.set("print_config_variables", true);
        if (o.forceUnlock) config.set("force_unlock", true);
        boolean terminal = System.console() != null;
        boolean color = terminal && env.get("NO_COLOR") == null;
        String format = o.format != null ? o.format : String.valueOf(config.fetch("format", "concise"));
        Verbosity level = Verbosity.parse(o.logLevel != null ? o.logLevel : config.fetch("log_level", "info"));
        Path logFile = project.root().resolve(String.valueOf(config.fetch("log_file", "log/capstan.log")));
        Path report = o.report == null ? null : dir.resolve(o.report);
        Instant start = Instant.now();
        try (Output output = Outputs.open(new OutputOptions(format, level, out, color, terminal, logFile, report, config::secretValues, err, 0));
             Backends.Opened backends = Backends.open(config, o.dryRun, output);
             Coordinator coordinator = new Coordinator(backends.provider(), Backends.settings(config), output)) {
            interruption = new Interruption(coordinator, config, err);
            output.on(new Event.RunStarted(start, "capstan " + String.join(" ", o.argv)));
            boolean ok = false;
            try {
                TaskRunner runner = new TaskRunner(project.tasks(), config, coordinator,
                        o.trace ? err::println : line -> {}, err::println);
                runner.runAll(taskNames);
                ok = true;
            } finally {
                output.on(new Event.RunFinished(Instant.now(), ok, Duration.between(start, Instant.now())));
            }
        }
        return Main.OK;
    }

    private void filters(Configuration config) {
        o.hosts.forEach(h -> config.filters().hosts(h));
        o.roles.forEach(r -> config.filters().roles(r));
        config.filters().hosts(vars.get("HOSTS"));
        config.filters().roles(vars.get("ROLES"));
        if (config.fetch("filter") instanceof Map<?, ?> f) {
            for (String k : List.of("hosts", "host")) if (f.get(k) != null) config.filters().hosts(String.valueOf(f.get(k)).replaceAll("[\\[\\] ]", ""));
            for (String k : List.of("roles", "role")) if (f.get(k) != null) config.filters().roles(String.valueOf(f.get(k)).replaceAll("[\\[\\] ]", ""));
        }
    }

    /** {@code --stages a,b}, else {@code STAGES=a,b} (an argument or the environment, as {@code cap install}), else the default. */
    private List<String> stages() {
        if (o.stages != null) return o.stages;
        String given = vars.get("STAGES");
        if (given == null) return List.of("staging", "production");
        return java.util.Arrays.stream(given.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private int fail(int status, Exception e) {
        err.println();
        err.println("capstan aborted!");
        err.println(message(e));
        if (o.trace) e.printStackTrace(err);
        else if (status == Main.FAILED) err.println("(See the full trace with --trace; the log has every command: log/capstan.log)");
        return status;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.toString() : m;
    }
}
