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
 * (their last lines) or at debug level; while several hosts run, each line carries its host.
 * Commands of DEBUG verbosity ({@code test}, {@code capture}) show only at debug level.
 */
final class ConciseFormatter implements EventListener {
    static final int FAILURE_TAIL = 20;

    private final Console console;
    private final Verbosity level;
    private final FailureSummary summary;
    private final Deque<String> tasks = new ArrayDeque<>();
    private final Map<String, Integer> numbers = new HashMap<>();
    private final Map<String, Deque<String>> output = new HashMap<>();
    private final Map<String, Integer> blocks = new HashMap<>();
    private String printedTask;
    private Instant start;

    ConciseFormatter(Console console, Verbosity level, FailureSummary summary) {
        this.console = console;
        this.level = level;
        this.summary = summary;
    }

    @Override
    public synchronized void on(Event e) {
        if (start == null) start = e.at();
        summary.on(e);
        if (e instanceof Event.TaskStarted t) {
            tasks.push(t.task());
        } else if (e instanceof Event.TaskFinished) {
            if (!tasks.isEmpty()) tasks.pop();
        } else if (e instanceof Event.BlockStarted b) {
            blocks.put(b.blockId(), b.hosts().size());
        } else if (e instanceof Event.BlockFinished b) {
            blocks.remove(b.blockId());
        } else if (e instanceof Event.HostFinished h && h.error() != null) {
            taskHeader(h.at());
            console.line("      " + console.paint("ERROR", Console.RED) + " " + label(h.host()) + ": " + firstLine(h.error().getMessage()));
        } else if (e instanceof Event.CommandStarted s) {
            started(s);
        } else if (e instanceof Event.CommandOutput o) {
            output(o);
        } else if (e instanceof Event.CommandFinished f) {
            finished(f);
        } else if (e instanceof Event.LogMessage m && m.level().atLeast(level)) {
            log(m);
        } else if (e instanceof Event.TransferProgress p && p.bytes() == p.total() && Verbosity.INFO.atLeast(level)
                && !TransferMeter.isFetch(p)) { // the live status closes a download onto this machine with its size and rate
            taskHeader(p.at());
            console.line("      " + (p.direction() == Event.Direction.UPLOAD ? "Uploaded " : "Downloaded ") + p.name()
                    + " (" + p.bytes() + " bytes) on " + label(p.host()));
        } else if (e instanceof Event.RunFinished r && !r.success()) {
            summary.print(console);
        }
    }

    private void log(Event.LogMessage m) {
        taskHeader(m.at());
        String prefix = switch (m.level()) {
            case WARN -> console.paint("WARN ", Console.YELLOW) + " ";
            case ERROR -> console.paint("ERROR", Console.RED) + " ";
            case FATAL -> console.paint("FATAL", Console.RED) + " ";
            case DEBUG, TRACE -> "DEBUG ";
            default -> "";
        };
        String host = m.host() == null ? "" : hostPrefix(m.host());
        for (String line : m.message().split("\n", -1)) console.line("      " + prefix + host + line);
    }

    private boolean debug() {
        return Verbosity.DEBUG.atLeast(level);
    }

    private boolean visible(Command c) {
        return c.verbosity().atLeast(level);
    }

    private void started(Event.CommandStarted s) {
        Command c = s.command();
        output.put(key(c, s.host()), new ArrayDeque<>());
        if (visible(c)) announce(c, s.at());
    }

    private void announce(Command c, Instant at) {
        String numberKey = task() + "\0" + shown(c);
        if (numbers.containsKey(numberKey)) return;
        int n = (int) numbers.keySet().stream().filter(k -> k.startsWith(task() + "\0")).count() + 1;
        numbers.put(numberKey, n);
        taskHeader(at);
        console.line("      " + num(n) + " " + console.paint(shown(c), Console.YELLOW));
    }

    private void output(Event.CommandOutput o) {
        String line = hostPrefix(o.host()) + TerminalText.clean(o.line());
        if (visible(o.command()) && debug()) {
            announce(o.command(), o.at());
            console.line("      " + num(number(o.command())) + " " + line);
            return;
        }
        Deque<String> buf = output.get(key(o.command(), o.host()));
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
        announce(c, f.at());
        int n = number(c);
        if (failed && buf != null) for (String line : buf) console.line("      " + num(n) + " " + line);
        String mark = f.success() ? console.paint("✔", Console.GREEN) : console.paint("✘", Console.RED);
        String text = num(n) + " " + label(f.host()) + " " + seconds(f.duration());
        console.line("    " + mark + " " + (f.success() ? console.paint(text, Console.GREEN) : console.paint(text, Console.RED)));
    }

    private void taskHeader(Instant at) {
        String t = task();
        if (t.equals(printedTask)) return;
        printedTask = t;
        if (t.isEmpty()) return;
        long s = Math.max(0, Duration.between(start, at).getSeconds());
        console.line(String.format("%02d:%02d %s", s / 60, s % 60, console.paint(t, Console.BLUE)));
    }

    private String hostPrefix(Host h) {
        if (blocks.values().stream().noneMatch(n -> n > 1)) return "";
        return (h.getPort() == null ? h.getHostname() : h.getHostname() + ":" + h.getPort()) + "| ";
    }

    private int number(Command c) {
        return numbers.getOrDefault(task() + "\0" + shown(c), 0);
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

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A command's one line: its title when it has one (what a folded command does), else its summary. */
    static String shown(Command c) {
        return c.title() != null ? c.title() : shorten(c.summary());
    }

    static String shorten(String summary) {
        return summary.startsWith("/usr/bin/env ") ? summary.substring(13) : summary;
    }

    /** {@code user@host}, with the port when one is set (hosts on one machine differ only by port). */
    static String label(Host h) {
        return h.label();
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%5.3fs", d.toNanos() / 1e9).strip();
    }
}
