package dev.capstan.cli.console;

import dev.capstan.config.Configuration;
import dev.capstan.remote.Host;
import dev.capstan.task.Task;
import dev.capstan.task.TaskRegistry;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Tab completion in the console: {@code :} commands as the first word; then what each takes (task names after
 * {@code :task}, variables after {@code :fetch}/{@code :set}, host names, roles, the release directories after
 * {@code :within}). Shell lines are the hosts' business: nothing is offered there.
 */
final class ConsoleCompleter implements Completer {
    private final ConsoleState state;
    private final TaskRegistry tasks;
    private final Configuration config;

    ConsoleCompleter(ConsoleState state, TaskRegistry tasks, Configuration config) {
        this.state = state;
        this.tasks = tasks;
        this.config = config;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        for (String c : words(line.words(), line.wordIndex())) candidates.add(new Candidate(c));
    }

    /** What may stand at word {@code index} of a line whose words are {@code words}. */
    Collection<String> words(List<String> words, int index) {
        String first = words.isEmpty() ? "" : words.get(0);
        if (index == 0) return first.startsWith(":") ? ColonCommands.NAMES : List.of();
        return switch (first) {
            case ":task" -> index == 1 ? taskNames() : List.of();
            case ":fetch", ":set" -> index == 1 ? new TreeSet<>(config.keys()) : List.of();
            case ":hosts" -> hostNames();
            case ":roles" -> roles();
            case ":within" -> index == 1 ? directories() : List.of();
            default -> List.of();
        };
    }

    /** The release layout under {@code deploy_to}, when it is a plain path (a lazy value is never run for completion). */
    private Collection<String> directories() {
        Object raw = config.raw("deploy_to");
        if (!(raw instanceof CharSequence d)) return List.of();
        return List.of(d + "/current", d + "/shared", d + "/releases", d.toString());
    }

    private Collection<String> taskNames() {
        TreeSet<String> names = new TreeSet<>();
        for (Task t : tasks.all()) names.add(t.name());
        return names;
    }

    private Collection<String> hostNames() {
        TreeSet<String> names = new TreeSet<>(List.of("all"));
        for (Host h : state.all()) names.add(h.getHostname());
        return names;
    }

    private Collection<String> roles() {
        TreeSet<String> names = new TreeSet<>(List.of("all"));
        for (Host h : state.all()) names.addAll(h.getRoles());
        return names;
    }
}
