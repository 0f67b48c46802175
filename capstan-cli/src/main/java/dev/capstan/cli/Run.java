package dev.capstan.cli;

import dev.capstan.config.ConfigException;
import dev.capstan.config.Configuration;
import dev.capstan.dsl.DslException;
import dev.capstan.dsl.Project;
import dev.capstan.dsl.ProjectLoader;
import dev.capstan.output.Output;
import dev.capstan.output.Outputs;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.RemoteException;
import dev.capstan.remote.event.Event;
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
        List<String> words = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < o.args.size(); i++) {
            String a = o.args.get(i);
            boolean ownWord = o.beforeDashes >= 0 && i >= o.beforeDashes; // after `--`: a command's own, never a setting
            (!ownWord && a.matches("[A-Za-z_][A-Za-z0-9_]*=.*") ? settings : words).add(a);
        }

        Commands.Entry plain = words.isEmpty() ? null : Commands.find(words.get(0), false);
        if (plain != null) return plain.command().run(invocation(null, 1));
        if (!words.isEmpty() && words.get(0).equals("install")) {
            Scaffold.install(dir, o.stages, out, err);
            return Main.OK;
        }
        ProjectLoader loader = new ProjectLoader();
        if (o.tasks != null) {
            Project p = loader.load(dir, null, c -> apply(settings, c));
            TaskListing.tasks(p.tasks(), o.tasks.isEmpty() ? null : o.tasks, o.all, true, out);
            return Main.OK;
        }
        if (words.isEmpty()) {
            if (o.prereqs) {
                TaskListing.prerequisites(loader.load(dir, null, c -> apply(settings, c)).tasks(), null, out);
                return Main.OK;
            }
            err.println("Stage not set, please call something such as `capstan production deploy`, where production is a stage you have defined.");
            return Main.USAGE;
        }
        String stage = words.get(0);
        Project project = loader.load(dir, stage, c -> apply(settings, c));
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
        Instant start = Instant.now();
        try (Output output = Outputs.open(Invocation.outputOptions(o, config, project.root(), dir, out, err, env, null));
             Backends.Opened backends = Backends.open(config, o.dryRun, output);
             Coordinator coordinator = new Coordinator(backends.provider(), Backends.settings(config), output)) {
            interruption = new Interruption(coordinator, config, err);
            output.on(new Event.RunStarted(start, "capstan " + String.join(" ", o.args)));
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

    /** A command's call: its words are those after the first {@code skip} words (stage, name), before any {@code --}. */
    private Invocation invocation(Project project, int skip) {
        List<String> before = o.beforeDashes < 0 ? o.args : o.args.subList(0, o.beforeDashes);
        List<String> words = before.stream().filter(a -> !a.matches("[A-Za-z_][A-Za-z0-9_]*=.*")).skip(skip).toList();
        return new Invocation(o, project, words, out, err, dir, env);
    }

    private void filters(Configuration config) {
        o.hosts.forEach(h -> config.filters().hosts(h));
        o.roles.forEach(r -> config.filters().roles(r));
        config.filters().hosts(env.get("HOSTS"));
        config.filters().roles(env.get("ROLES"));
        if (config.fetch("filter") instanceof Map<?, ?> f) {
            for (String k : List.of("hosts", "host")) if (f.get(k) != null) config.filters().hosts(String.valueOf(f.get(k)).replaceAll("[\\[\\] ]", ""));
            for (String k : List.of("roles", "role")) if (f.get(k) != null) config.filters().roles(String.valueOf(f.get(k)).replaceAll("[\\[\\] ]", ""));
        }
    }

    /** {@code NAME=value} on the command line sets the variable (as Rake puts it in ENV). */
    private static void apply(List<String> settings, Configuration config) {
        for (String s : settings) {
            int eq = s.indexOf('=');
            config.set(s.substring(0, eq), s.substring(eq + 1));
        }
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
