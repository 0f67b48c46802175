package dev.capstan.output;

import dev.capstan.remote.Host;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of ad-hoc commands ({@code exec}, the console): each host's output under its name, closed by its
 * exit status and time, then a table of every host of the block. One host streams live; the others' lines wait
 * until it is done, so groups never interleave. Commands below the log level (guards, probes) stay hidden.
 */
final class GroupedFormatter implements EventListener {
    private final Console console;
    private final Verbosity level;
    private final Map<Host, Group> groups = new LinkedHashMap<>();
    private Host live;

    GroupedFormatter(Console console, Verbosity level) {
        this.console = console;
        this.level = level;
    }

    /** One host's part of a block: its lines so far and, once done, how it ended. */
    private static final class Group {
        final List<String> lines = new ArrayList<>();
        /** What the last hidden command (a within or as guard) wrote to stderr: the reason when it stops the host. */
        final List<String> hiddenErrors = new ArrayList<>();
        boolean shown;
        String ending;
        boolean ok;
        int status = Integer.MIN_VALUE;
        Duration time = Duration.ZERO;
    }

    @Override
    public synchronized void on(Event e) {
        if (e instanceof Event.BlockStarted b) {
            groups.clear();
            live = null;
            for (Host h : b.hosts()) groups.put(h, new Group());
        } else if (e instanceof Event.CommandStarted c && !c.command().verbosity().atLeast(level)) {
            group(c.host()).hiddenErrors.clear();
        } else if (e instanceof Event.CommandOutput o && !o.command().verbosity().atLeast(level)) {
            List<String> errors = group(o.host()).hiddenErrors;
            if (o.stream() == Event.Stream.STDERR && errors.size() < 5) errors.add(TerminalText.clean(o.line()));
        } else if (e instanceof Event.CommandOutput o) {
            line(o.host(), (o.stream() == Event.Stream.STDERR ? console.paint("│", Console.RED) : "│") + " " + TerminalText.clean(o.line()));
        } else if (e instanceof Event.CommandFinished f && f.command().verbosity().atLeast(level)) {
            Group g = group(f.host());
            g.status = f.exitStatus();
            g.time = g.time.plus(f.duration());
        } else if (e instanceof Event.LogMessage m && m.host() != null && m.level().atLeast(level)) {
            line(m.host(), m.message());
        } else if (e instanceof Event.HostFinished h) {
            finish(h);
        } else if (e instanceof Event.BlockFinished) {
            flushAll();
            table();
            groups.clear();
        }
    }

    private void line(Host host, String text) {
        Group g = group(host);
        if (live == null) open(host);
        if (host.equals(live)) console.line(text);
        else g.lines.add(text);
    }

    private void finish(Event.HostFinished h) {
        Group g = group(h.host());
        g.ok = h.error() == null && (g.status == 0 || g.status == Integer.MIN_VALUE);
        g.ending = h.error() != null ? failure(g, h.error())
                : g.status == Integer.MIN_VALUE ? console.paint("✔ done", Console.GREEN)
                : mark(g.status) + " " + paintStatus(g.status, g.status < 0 ? "no exit status" : "exit " + g.status) + " · "
                        + ConciseFormatter.seconds(g.time);
        if (live == null) open(h.host());
        if (!h.host().equals(live)) return;
        console.line(g.ending);
        live = null;
        for (Map.Entry<Host, Group> other : groups.entrySet()) {
            if (other.getValue().ending != null && !other.getValue().shown) {
                open(other.getKey());
                console.line(other.getValue().ending);
                live = null;
            }
        }
        groups.entrySet().stream().filter(x -> !x.getValue().shown && !x.getValue().lines.isEmpty()).findFirst()
                .ifPresent(x -> open(x.getKey()));
    }

    private String failure(Group g, Throwable error) {
        String reason;
        if (g.status == Integer.MIN_VALUE && !g.hiddenErrors.isEmpty()) {
            reason = String.join("; ", g.hiddenErrors); // a guard's own words ("Directory does not exist ...")
        } else {
            String m = error.getMessage() == null ? error.toString() : error.getMessage();
            int nl = m.indexOf('\n');
            reason = nl < 0 ? m : m.substring(0, nl);
        }
        return console.paint("✘ " + (g.status < 0 ? "" : "exit " + g.status + " · ") + reason, Console.RED); // < 0: none (unreachable)
    }

    /** Starts showing {@code host}'s group: its header and the lines it had so far. */
    private void open(Host host) {
        Group g = group(host);
        live = host;
        g.shown = true;
        console.line(console.paint(name(host), Console.BLUE));
        for (String l : g.lines) console.line(l);
        g.lines.clear();
    }

    private void flushAll() {
        for (Map.Entry<Host, Group> x : groups.entrySet()) {
            if (!x.getValue().shown) open(x.getKey());
            if (x.getValue().ending != null && x.getKey().equals(live)) console.line(x.getValue().ending);
            live = null;
        }
    }

    private void table() {
        if (groups.isEmpty()) return;
        int width = Math.max(4, groups.keySet().stream().mapToInt(h -> name(h).length()).max().orElse(4));
        console.line("");
        console.line(String.format("%-" + width + "s  %-6s  %s", "HOST", "STATUS", "TIME"));
        int failed = 0;
        for (Map.Entry<Host, Group> x : groups.entrySet()) {
            Group g = x.getValue();
            boolean ok = g.ok;
            if (!ok) failed++;
            String status = g.status < 0 ? (ok ? "ok" : "error") : String.valueOf(g.status);
            console.line(String.format("%-" + width + "s  %s  %s", name(x.getKey()),
                    paintStatus(ok ? 0 : 1, String.format("%-6s", status)), ConciseFormatter.seconds(g.time)));
        }
        console.line(failed == 0 ? console.paint(groups.size() + " of " + groups.size() + " hosts succeeded", Console.GREEN)
                : console.paint(failed + " of " + groups.size() + " hosts failed", Console.RED));
    }

    private Group group(Host host) {
        return groups.computeIfAbsent(host, h -> new Group());
    }

    private String mark(int status) {
        return status == 0 ? console.paint("✔", Console.GREEN) : console.paint("✘", Console.RED);
    }

    private String paintStatus(int status, String text) {
        return console.paint(text, status == 0 ? Console.GREEN : Console.RED);
    }

    /** The host as the user wrote it: its name, and the port when one is set. */
    static String name(Host h) {
        return h.getPort() == null ? h.getHostname() : h.getHostname() + ":" + h.getPort();
    }
}
