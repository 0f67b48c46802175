package dev.capstan.cli;

import dev.capstan.cli.completion.CompletionCommand;
import dev.capstan.cli.console.ConsoleCommand;
import dev.capstan.cli.exec.ExecCommand;
import dev.capstan.cli.ssh.SshCommand;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands besides running tasks, one line each: {@code capstan STAGE NAME ...} for those that work on a
 * stage's hosts (the word after the stage, where a task name would go, as {@code cap production console}),
 * {@code capstan NAME ...} for those that need no stage. Each command lives in its own class.
 */
public final class Commands {
    /** @param usage the words after {@code capstan}, for help and completion */
    public record Entry(String name, boolean onStage, String usage, String description, CliCommand command) {}

    /** An option of {@code capstan} as completion scripts see it (from {@link OptionSpecs}, the one table). */
    public record Option(List<String> names, boolean takesValue, String label, String description) {}

    private static final List<Entry> ALL = new ArrayList<>();

    static {
        ALL.add(new Entry("exec", true, "STAGE exec [-- ]COMMAND...", "Run one command on the stage's hosts; a table of exit statuses.", ExecCommand::run));
        ALL.add(new Entry("console", true, "STAGE console", "An interactive shell over the stage's hosts (:help inside).", ConsoleCommand::run));
        ALL.add(new Entry("ssh", true, "STAGE ssh [HOST]", "Log in to one host, in the current release.", SshCommand::run));
        ALL.add(new Entry("completion", false, "completion bash|zsh|fish", "Print a shell completion script.", CompletionCommand::run));
    }

    private Commands() {}

    public static List<Entry> all() {
        return List.copyOf(ALL);
    }

    public static List<Option> options() {
        return OptionSpecs.ALL.stream().map(s -> new Option(s.names(), s.value() == OptionSpecs.Value.REQUIRED, s.label(), s.description())).toList();
    }

    /** The command called {@code name} that takes (or, with {@code onStage} false, needs no) stage; null when none. */
    static Entry find(String name, boolean onStage) {
        for (Entry e : ALL) if (e.name().equals(name) && e.onStage() == onStage) return e;
        return null;
    }
}
