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
import dev.capstan.remote.event.EventListener;
import dev.capstan.task.TaskException;
import dev.capstan.task.TaskFailedException;
import dev.capstan.task.TaskRunner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    private final RunSecrets secrets;
    /** The NAME=value arguments over the process environment. */
    private CommandLineEnv vars = CommandLineEnv.NONE;
    /** The run's failure is already on the screen (the summary and closing line): {@link #fail} adds only a hint. */
    private boolean failureShown;

    /** {@code err} is masked with {@code secrets} already. */
    Run(Options options, PrintStream out, PrintStream err, Path dir, Map<String, String> env, RunSecrets secrets) {
        this.secrets = secrets;
        this.o = options;
        this.out = out;
        this.err = err;
        this.dir = dir;
        this.env = env;
    }

    int execute() {
        int status = executeOnce();
        // after the failure is printed, so an interrupted run's last words come after it
        return interruption == null ? status : interruption.close(status);
    }

    private int executeOnce() {
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
        }
    }

    private int dispatch() throws IOException {
        // after `--` the words are a command's own (exec's), never settings
        int cut = o.beforeDashes < 0 ? o.args.size() : o.beforeDashes;
        List<String> ours = o.args.subList(0, cut);
        List<String> words = new ArrayList<>(CommandLineEnv.others(ours));
        words.addAll(o.args.subList(cut, o.args.size()));
        CommandLineEnv vars = new CommandLineEnv(CommandLineEnv.assignments(ours), env, n -> err.println("capstan: " + n));
        this.vars = vars;

        Commands.Entry plain = words.isEmpty() ? null : Commands.find(words.get(0), false);
        if (plain != null) return plain.command().run(invocation(null, 1));
        if (!words.isEmpty() && words.get(0).equals("install")) {
            Scaffold.install(dir, stages(), out, err);
            return Main.OK;
        }
        if (!words.isEmpty() && words.get(0).equals("import")) {
            return dev.capstan.cli.imports.ImportCommand.run(words.size() > 1 ? dir.resolve(words.get(1)) : dir, out, err);
        }
        ProjectLoader loader = new ProjectLoader();
        if (o.tasks != null) {
            Project p = loader.load(dir, null, vars, beforeConfig(vars));
            // `-T -A web`: the pattern came after another flag, so it arrived as a word
            String pattern = !o.tasks.isEmpty() ? o.tasks : words.isEmpty() ? null : words.get(0);
            TaskListing.tasks(p.tasks(), pattern, o.all, true, out);
            return Main.OK;
        }
        if (words.isEmpty()) {
            if (o.prereqs) {
                TaskListing.prerequisites(loader.load(dir, null, vars, beforeConfig(vars)).tasks(), null, out);
                return Main.OK;
            }
            err.println("Stage not set, please call something such as `capstan production deploy`, where production is a stage you have defined.");
            return Main.USAGE;
        }
        String stage = words.get(0);
        if (stage.equals("doctor")) return DoctorCommand.run(loader.load(dir, null, vars, beforeConfig(vars)), false, o.format, out, env);
        Project project = loader.load(dir, stage, vars, beforeConfig(vars));
        Commands.Entry command = words.size() > 1 ? Commands.find(words.get(1), true) : null;
        if (command != null && project.tasks().find(command.name()).isPresent()) {
            // a project's own task of that name (a Capistrano habit: `cap production console`) keeps working
            err.println("capstan: running the task '" + command.name() + "' of this project, not the built-in command of that name");
            command = null;
        }
        if (command != null) {
            filters(project.config());
            return command.command().run(invocation(project, 2));
        }
        if (o.prereqs) {
            TaskListing.prerequisites(project.tasks(), words.size() > 1 ? words.get(1) : null, out);
            return Main.OK;
        }
        List<String> taskNames = words.subList(1, words.size());
        if (taskNames.equals(List.of("doctor"))) {
            filters(project.config());
            return DoctorCommand.run(project, !o.dryRun, o.format, out, env); // a dry run touches no host
        }
        for (String t : taskNames) project.tasks().require(t);
        List<String> problems = project.tasks().problems();
        if (!problems.isEmpty()) throw new ConfigException(String.join("\n", problems));
        filters(project.config());
        Preflight preflight = new Preflight().options(o).variables(project.config(), project.plugins(), o.strict, taskNames)
                .hosts(project.config(), stage, filterNames(project.config()), taskNames);
        if (preflight.report(err)) return Main.USAGE;
        if (taskNames.isEmpty()) {
            out.println("stage " + stage + ": configuration checked, " + project.config().servers().all().size() + " servers");
            return Main.OK;
        }
        return runTasks(project, taskNames);
    }

    private int runTasks(Project project, List<String> taskNames) {
        Configuration config = project.config();
        if (o.printConfig) config.set("print_config_variables", true);
        if (o.forceUnlock) config.set("force_unlock", true);
        boolean terminal = System.console() != null;
        boolean color = terminal && env.get("NO_COLOR") == null;
        String format = o.format != null ? o.format : String.valueOf(config.fetch("format", "concise"));
        Verbosity level = Verbosity.parse(o.logLevel != null ? o.logLevel : config.fetch("log_level", "info"));
        Path logFile = project.root().resolve(String.valueOf(config.fetch("log_file", "log/capstan.log")));
        Path report = o.report == null ? null : dir.resolve(o.report);
        int width = terminal ? TerminalWidth.columns(env) : 0;
        if (terminal) config.prompter(new TerminalPrompter(config.prompter(), out));
        RunTally tally = new RunTally();
        Instant start = Instant.now();
        boolean ok = false;
        try (Output output = Outputs.open(new OutputOptions(format, level, out, color, terminal, logFile, report, secrets.secrets()::values, err, width));
             Backends.Opened backends = Backends.open(config, o.dryRun, output);
             Coordinator coordinator = new Coordinator(backends.provider(), Backends.settings(config, secrets.secrets()),
                     Notifications.wire(config, events(output, tally), o.dryRun))) {
            interruption = new Interruption(coordinator, config, err);
            secrets.commandLine(o.args, config);
            coordinator.events().on(new Event.RunStarted(start, "capstan " + String.join(" ", o.argv)));
            try {
                TaskRunner runner = new TaskRunner(project.tasks(), config, coordinator,
                        o.trace ? err::println : line -> {}, err::println);
                interruption.watching(runner);
                runner.runAll(taskNames);
                ok = true;
            } finally {
                interruption.tasksFinished();
                output.on(new Event.RunFinished(Instant.now(), ok, Duration.between(start, Instant.now())));
            }
        } finally {
            if (!format.strip().equalsIgnoreCase("json")) {
                (ok ? out : err).println(ClosingLine.of(taskNames, config, tally, ok, o.dryRun, Duration.between(start, Instant.now())));
                // the concise summary showed each failed host's error; the abort message then needs no repeat
                failureShown = !ok && !tally.failedHosts().isEmpty() && (format.strip().equalsIgnoreCase("concise") || format.strip().equalsIgnoreCase("airbrussh"));
            }
        }
        return Main.OK;
    }

    private static EventListener events(Output output, RunTally tally) {
        return e -> {
            output.on(e);
            tally.on(e);
        };
    }

    /** A command's call: its words are those after the first {@code skip} words (stage, name), before any {@code --}. */
    private Invocation invocation(Project project, int skip) {
        List<String> before = o.beforeDashes < 0 ? o.args : o.args.subList(0, o.beforeDashes);
        List<String> words = before.stream().filter(a -> !CommandLineEnv.isAssignment(a)).skip(skip).toList();
        return new Invocation(o, project, words, out, err, dir, env, secrets);
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

    /** What happens as soon as the configuration exists: its secrets are watched, then NAME=value arguments are set. */
    private java.util.function.Consumer<Configuration> beforeConfig(CommandLineEnv vars) {
        return c -> {
            secrets.loading(c);
            vars.arguments().forEach((k, v) -> {
                c.set(k, v);
                c.origin(k, "command line");
            });
        };
    }

    /** {@code --stages a,b}, else {@code STAGES=a,b} (an argument or the environment, as {@code cap install}), else the default. */
    private List<String> stages() {
        if (o.stages != null) return o.stages;
        String given = vars.get("STAGES");
        if (given == null) return List.of("staging", "production");
        return java.util.Arrays.stream(given.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    /** The host filters in force, as the user wrote them, for "no hosts match ...". */
    private List<String> filterNames(Configuration config) {
        List<String> out = new ArrayList<>();
        o.hosts.forEach(h -> out.add("--hosts " + h));
        o.roles.forEach(r -> out.add("--roles " + r));
        if (vars.get("HOSTS") != null) out.add("HOSTS=" + vars.get("HOSTS"));
        if (vars.get("ROLES") != null) out.add("ROLES=" + vars.get("ROLES"));
        if (config.fetch("filter") instanceof Map<?, ?> f && !f.isEmpty()) out.add("filter " + f);
        return out;
    }

    private int fail(int status, Exception e) {
        if (failureShown && !o.trace) {
            // the summary named each failed host; what the failure left behind (a table, what is live) still needs saying
            Throwable outcome = outcome(e);
            if (outcome != null) err.println(message(outcome));
            err.println("(--trace shows the stack trace)");
            return status;
        }
        err.println();
        err.println("capstan aborted!");
        err.println(message(e));
        if (o.trace) e.printStackTrace(err);
        else if (status == Main.FAILED) err.println("(See the full trace with --trace; the log has every command: log/capstan.log)");
        return status;
    }

    /** The first error in {@code e}'s causes that says in what state the hosts were left, or null. */
    private static Throwable outcome(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof dev.capstan.task.RunOutcome) return t;
        return null;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.toString() : m;
    }
}
