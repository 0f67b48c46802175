package dev.capstan.output;

import dev.capstan.remote.Command;
import dev.capstan.remote.Host;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.util.Locale;

/**
 * SSHKit's pretty layout: {@code   INFO [a1b2c3d4] Running /usr/bin/env git ... as deploy@web1}, the
 * command, its output, {@code Finished in 0.117 seconds with exit status 0 (successful).} Each line is
 * shown when its level is at least {@code level}. Also the layout of the log file, at full detail.
 */
final class PrettyFormatter implements EventListener {
    private final Console console;
    private final Verbosity level;

    /** The live status says when a download onto this machine starts and ends (the console's), or not (the log file's). */
    private final boolean fetchShownLive;

    PrettyFormatter(Console console, Verbosity level) {
        this(console, level, false);
    }

    PrettyFormatter(Console console, Verbosity level, boolean fetchShownLive) {
        this.console = console;
        this.level = level;
        this.fetchShownLive = fetchShownLive;
    }

    @Override
    public void on(Event e) {
        if (e instanceof Event.CommandStarted s) {
            String id = s.command().id();
            Command c = s.command();
            write(c.verbosity(), id, "Running " + console.paint(c.title() != null ? c.title() : c.summary(), Console.BOLD_YELLOW) + " " + on(s.host()));
            if (c.layout() != null) {
                // a folded command's script, one step a line
                for (String line : c.layout().split("\n", -1)) write(c.verbosity(), id, "\t" + console.paint(line, Console.BLUE));
            }
            write(Verbosity.DEBUG, id, "Command: " + console.paint(c.loggedScript(), Console.BLUE));
        } else if (e instanceof Event.CommandOutput o) {
            String colour = o.stream() == Event.Stream.STDOUT ? Console.GREEN : Console.RED;
            write(Verbosity.DEBUG, o.command().id(), "\t" + console.paint(TerminalText.clean(o.line()), colour));
        } else if (e instanceof Event.CommandFinished f) {
            String outcome = f.success() ? console.paint("successful", Console.BOLD_GREEN) : console.paint("failed", Console.BOLD_RED);
            write(f.command().verbosity(), f.command().id(), String.format(Locale.ROOT,
                    "Finished in %5.3f seconds with exit status %d (%s).", f.duration().toNanos() / 1e9, f.exitStatus(), outcome));
        } else if (e instanceof Event.LogMessage m) {
            write(m.level(), null, m.message());
        } else if (e instanceof Event.HostFinished h && h.error() != null) {
            write(Verbosity.ERROR, null, h.host().label() + ": " + h.error().getMessage());
        } else if (e instanceof Event.TransferProgress p && p.bytes() == p.total() && !(fetchShownLive && TransferMeter.isFetch(p))) {
            write(Verbosity.INFO, null, (p.direction() == Event.Direction.UPLOAD ? "Uploading " : "Downloading ")
                    + p.name() + " 100.0% " + on(p.host()));
        }
    }

    void write(Verbosity v, String id, String text) {
        if (!v.atLeast(level)) return;
        String prefix = prefix(console, v, id);
        for (String line : text.split("\n", -1)) console.line(prefix + line);
    }

    /** {@code   INFO [a1b2c3d4] }: the level right-aligned to 6, the command's id when there is one. */
    static String prefix(Console console, Verbosity v, String id) {
        return console.paint(String.format("%6s", v.name()), colour(v)) + (id == null ? "" : " [" + console.paint(id, Console.GREEN) + "]") + " ";
    }

    /** {@code as deploy@web1}, or {@code on web1} when the host has no user. */
    String on(Host h) {
        String host = console.paint(h.label().substring(h.getUser() == null ? 0 : h.getUser().length() + 1), Console.BLUE);
        return h.getUser() == null ? "on " + host : "as " + console.paint(h.getUser(), Console.BLUE) + "@" + host;
    }

    private static String colour(Verbosity v) {
        return switch (v) {
            case TRACE, DEBUG -> Console.BLACK;
            case INFO -> Console.BLUE;
            case WARN -> Console.YELLOW;
            case ERROR, FATAL -> Console.RED;
        };
    }
}
