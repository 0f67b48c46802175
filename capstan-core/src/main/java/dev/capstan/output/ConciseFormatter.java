package dev.capstan.output;

import dev.capstan.remote.Command;
import dev.capstan.remote.Host;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The default console layout, like Capistrano's airbrussh: a line per task with the elapsed time, a
 * numbered line per distinct command, a tick or cross per host. Output is shown for failed commands
 * (their last lines) or at debug level; then each line carries its host, so parallel output stays readable.
 */
final class ConciseFormatter implements EventListener {
    private static final int FAILURE_TAIL = 20;

    private final Console console;
    private final Verbosity level;
    private final Deque<String> tasks = new ArrayDeque<>();
    private final Map<String, Integer> numbers = new HashMap<>();
    private final Map<String, Deque<String>> output = new HashMap<>();
    private String printedTask;
    private Instant start;
    private int hostsInBlock = 1;

    ConciseFormatter(Console console, Verbosity level) {
        this.console = console;
        this.level = level;
    }

    @Override
    public synchronized void on(Event e) {
        if (start == null) start = e.at();
        if (e instanceof Event.TaskStarted t) {
            tasks.push(t.task());
        } else if (e instanceof Event.TaskFinished) {
            if (!tasks.isEmpty()) tasks.pop();
        } else if (e instanceof Event.BlockStarted b) {
            hostsInBlock = b.hosts().size();
        } else if (e instanceof Event.CommandStarted s) {
            started(s);
        } else if (e instanceof Event.CommandOutput o) {
            output(o);
        } else if (e instanceof Event.CommandFinished f) {
            finished(f);
        } else if (e instanceof Event.LogMessage m && m.level().atLeast(level)) {
            taskHeader(m.at());
            String prefix = m.level().atLeast(Verbosity.WARN) ? console.paint(String.format("%-5s ", m.level()), m.level() == Verbosity.WARN ? "0;33" : "0;31") : "";
            for (String line : m.message().split("\n", -1)) console.line("      " + prefix + line);
        } else if (e instanceof Event.TransferProgress p && p.bytes() == p.total()) {
            if (Verbosity.INFO.atLeast(level)) {
                taskHeader(p.at());
                console.line("      " + (p.direction() == Event.Direction.UPLOAD ? "Uploading " : "Downloading ") + p.name() + " 100.0%");
            }
        }
    }

    private boolean visible(Command c) {
        return c.verbosity().atLeast(level);
    }

    private void started(Event.CommandStarted s) {
        Command c = s.command();
        output.put(key(c, s.host()), new ArrayDeque<>());
        if (!visible(c)) return;
        String numberKey = task() + "\0" + c.summary();
        if (numbers.containsKey(numberKey)) return;
        int n = (int) numbers.keySet().stream().filter(k -> k.startsWith(task() + "\0")).count() + 1;
        numbers.put(numberKey, n);
        taskHeader(s.at());
        console.line("      " + num(n) + " " + console.paint(shorten(c.summary()), "0;33"));
    }

    private void output(Event.CommandOutput o) {
        Deque<String> buf = output.get(key(o.command(), o.host()));
        String line = (hostsInBlock > 1 ? o.host().getHostname() + "| " : "") + o.line();
        if (visible(o.command()) && Verbosity.DEBUG.atLeast(level)) {
            console.line("      " + num(number(o.command())) + " " + line);
            return;
        }
        if (buf != null) {
            buf.addLast(line);
            if (buf.size() > FAILURE_TAIL) buf.removeFirst();
        }
    }

    private void finished(Event.CommandFinished f) {
        Command c = f.command();
        Deque<String> buf = output.remove(key(c, f.host()));
        boolean failed = !f.success() && c.raiseOnNonZero();
        if (!visible(c) && !failed) return;
        if (!visible(c)) started(new Event.CommandStarted(f.at(), c, f.host()));
        int n = number(c);
        if (failed && buf != null) for (String line : buf) console.line("      " + num(n) + " " + line);
        String mark = f.success() ? console.paint("✔", "0;32") : console.paint("✘", "0;31");
        console.line("    " + mark + " " + num(n) + " " + label(f.host()) + " " + seconds(f.duration()));
    }

    private void taskHeader(Instant at) {
        String t = task();
        if (t.equals(printedTask)) return;
        printedTask = t;
        long s = Duration.between(start, at).getSeconds();
        console.line(String.format("%02d:%02d %s", s / 60, s % 60, console.paint(t, "0;34")));
    }

    private int number(Command c) {
        return numbers.getOrDefault(task() + "\0" + c.summary(), 0);
    }

    private String task() {
        return tasks.isEmpty() ? "" : tasks.peek();
    }

    private static String key(Command c, Host h) {
        return c.id() + "\0" + h.label();
    }

    private static String num(int n) {
        return String.format("%02d", n);
    }

    static String shorten(String summary) {
        return summary.startsWith("/usr/bin/env ") ? summary.substring(13) : summary;
    }

    static String label(Host h) {
        return h.getUser() == null ? h.getHostname() : h.getUser() + "@" + h.getHostname();
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%5.3fs", d.toMillis() / 1000.0).strip();
    }
}
