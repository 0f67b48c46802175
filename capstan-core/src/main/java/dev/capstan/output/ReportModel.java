package dev.capstan.output;

import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the HTML report shows, gathered from the (already masked) events of one run. */
final class ReportModel implements EventListener {
    static final int MAX_LINES = 2000;

    /** One command on one host. */
    static final class Cmd {
        final String id, task, host, summary, script;
        final Verbosity verbosity;
        final boolean raise;
        final Instant start;
        final Deque<String[]> lines = new ArrayDeque<>();
        int omitted;
        Integer exitStatus;
        Duration duration;

        Cmd(Event.CommandStarted s, String task) {
            id = s.command().id();
            this.task = task;
            host = s.host().label();
            summary = s.command().title() != null ? s.command().title() : s.command().summary();
            script = s.command().layout() != null ? s.command().layout() : s.command().loggedScript();
            verbosity = s.command().verbosity();
            raise = s.command().raiseOnNonZero();
            start = s.at();
        }

        boolean failed() { return exitStatus != null && exitStatus != 0 && raise; }
        boolean finished() { return exitStatus != null; }
    }

    record Task(String name, Instant start, Duration duration, Boolean success) {}

    record Message(String task, String host, Verbosity level, String text) {}

    String title = "capstan";
    Instant start;
    Instant end;
    Boolean success;
    Duration duration;
    final List<Cmd> commands = new ArrayList<>();
    final List<Task> tasks = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    final Set<String> hosts = new LinkedHashSet<>();
    final Map<String, String> hostErrors = new HashMap<>();
    private final Map<String, Cmd> running = new HashMap<>();
    private final Deque<String> taskStack = new ArrayDeque<>();
    private final Map<String, Instant> taskStarts = new HashMap<>();

    @Override
    public synchronized void on(Event e) {
        if (start == null) start = e.at();
        end = e.at();
        if (e instanceof Event.RunStarted r) {
            title = r.commandLine();
            start = r.at();
        } else if (e instanceof Event.RunFinished r) {
            success = r.success();
            duration = r.duration();
        } else if (e instanceof Event.TaskStarted t) {
            taskStack.push(t.task());
            taskStarts.put(t.task(), t.at());
        } else if (e instanceof Event.TaskFinished t) {
            if (!taskStack.isEmpty()) taskStack.pop();
            tasks.add(new Task(t.task(), taskStarts.getOrDefault(t.task(), t.at().minus(t.duration())), t.duration(), t.success()));
        } else if (e instanceof Event.BlockStarted b) {
            b.hosts().forEach(h -> hosts.add(h.label()));
        } else if (e instanceof Event.HostFinished h && h.error() != null) {
            hostErrors.put(h.host().label(), h.error().getMessage());
        } else if (e instanceof Event.CommandStarted s) {
            Cmd c = new Cmd(s, task());
            hosts.add(c.host);
            commands.add(c);
            running.put(c.id + "@" + c.host, c);
        } else if (e instanceof Event.CommandOutput o) {
            Cmd c = running.get(o.command().id() + "@" + o.host().label());
            if (c == null) return;
            c.lines.addLast(new String[] {o.stream() == Event.Stream.STDERR ? "err" : "out", TerminalText.clean(o.line())});
            if (c.lines.size() > MAX_LINES) {
                c.lines.removeFirst();
                c.omitted++;
            }
        } else if (e instanceof Event.CommandFinished f) {
            Cmd c = running.remove(f.command().id() + "@" + f.host().label());
            if (c == null) return;
            c.exitStatus = f.exitStatus();
            c.duration = f.duration();
        } else if (e instanceof Event.LogMessage m) {
            messages.add(new Message(task(), m.host() == null ? null : m.host().label(), m.level(), m.message()));
        }
    }

    /** Tasks that began but never reported an end (the run stopped inside them). */
    synchronized List<String> unfinishedTasks() {
        return List.copyOf(taskStack);
    }

    private String task() {
        return taskStack.isEmpty() ? "" : taskStack.peek();
    }
}
