package dev.capstan.cli.console;

import dev.capstan.config.Configuration;
import dev.capstan.remote.Host;
import dev.capstan.task.TaskRunner;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/** The console's own commands, the lines starting with {@code :}. */
final class ColonCommands {
    static final List<String> NAMES = List.of(":hosts", ":roles", ":sequence", ":parallel", ":within", ":as", ":task",
            ":fetch", ":set", ":help", ":exit");

    private final ConsoleState state;
    private final Configuration config;
    private final Supplier<TaskRunner> runner;
    private final PrintStream out;

    ColonCommands(ConsoleState state, Configuration config, Supplier<TaskRunner> runner, PrintStream out) {
        this.state = state;
        this.config = config;
        this.runner = runner;
        this.out = out;
    }

    /** Runs one {@code :} line; false when the console should end. */
    boolean run(String line) {
        String[] parts = line.strip().split("\\s+", 2);
        String name = parts[0];
        String arg = parts.length > 1 ? parts[1].strip() : "";
        switch (name) {
            case ":exit", ":quit", ":q" -> { return false; }
            case ":hosts" -> hosts(arg.isEmpty() ? null : state.selectHosts(arg), arg);
            case ":roles" -> hosts(arg.isEmpty() ? null : state.selectRoles(arg), arg);
            case ":sequence" -> { state.sequence(true); out.println("one host after another"); }
            case ":parallel" -> { state.sequence(false); out.println("all selected hosts at once"); }
            case ":within" -> state.within(arg);
            case ":as" -> state.as(arg);
            case ":task" -> task(arg);
            case ":fetch" -> out.println(arg + " = " + shown(arg));
            case ":set" -> set(arg);
            case ":help" -> help();
            default -> out.println("unknown console command " + name + " (try :help)");
        }
        return true;
    }

    private void hosts(List<Host> chosen, String spec) {
        if (chosen != null && chosen.isEmpty()) {
            out.println("no host matches '" + spec + "'; the selection is unchanged");
        }
        int name = state.all().stream().mapToInt(h -> h.getHostname().length()).max().orElse(0);
        int roles = state.all().stream().mapToInt(h -> String.join(",", h.getRoles()).length()).max().orElse(0);
        for (Host h : state.all()) {
            out.println(String.format("%s %-" + name + "s  %-" + Math.max(1, roles) + "s  %s", state.isSelected(h) ? "*" : " ",
                    h.getHostname(), String.join(",", h.getRoles()), h.label()));
        }
    }

    private void task(String name) {
        if (name.isEmpty()) {
            out.println("usage: :task NAME (e.g. :task deploy:status)");
            return;
        }
        try {
            TaskRunner r = runner.get();
            r.registry().require(name);
            r.runAll(List.of(name));
        } catch (RuntimeException e) { // a failed or unknown task ends the task, never the console
            out.println("task " + name + " failed: " + e.getMessage());
        }
    }

    private void set(String arg) {
        String[] kv = arg.split("\\s+", 2);
        if (kv[0].isEmpty() || kv.length < 2) {
            out.println("usage: :set NAME VALUE");
            return;
        }
        config.set(kv[0], kv[1]);
        out.println(kv[0] + " = " + shown(kv[0]));
    }

    /** A variable's value as shown: secret ones (and any secret inside a value) masked. */
    private String shown(String name) {
        if (config.isSecret(name)) return "[REDACTED]";
        String v = String.valueOf(config.fetch(name));
        for (String secret : config.secretValues()) if (secret != null && secret.length() >= 3) v = v.replace(secret, "[REDACTED]");
        return v;
    }

    private void help() {
        out.println("""
                A line runs on every selected host (in parallel unless :sequence); Ctrl-C ends it there.
                  :hosts [web1,web2|all]   show or select hosts (names or regexes, !name excludes)
                  :roles web[,db]          select the hosts with these roles
                  :sequence | :parallel    one host after another | all at once
                  :within [DIR]            run lines in DIR (cd DIR &&); no DIR: back to the login directory
                  :as [USER]               run lines as USER through sudo; no USER: as the SSH user
                  :task NAME               run a task (e.g. deploy:status) on the selected hosts
                  :fetch NAME | :set NAME VALUE   show or set a variable
                  :exit                    leave (Ctrl-D too)""");
    }
}
