package dev.capstan.output;

import dev.capstan.remote.Host;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.util.Locale;

/**
 * SSHKit's pretty layout: {@code  INFO [a1b2c3d4] Running /usr/bin/env git ... as deploy@web1}, the
 * command, its output, {@code Finished in 0.117 seconds with exit status 0 (successful).}
 * Also the layout of the log file, at full detail.
 */
final class PrettyFormatter implements EventListener {
    private final Console console;
    private final Verbosity level;

    PrettyFormatter(Console console, Verbosity level) {
        this.console = console;
        this.level = level;
    }

    @Override
    public void on(Event e) {
        if (e instanceof Event.CommandStarted s) {
            Verbosity v = s.command().verbosity();
            write(v, s.command().id(), "Running " + s.command().summary() + on(s.host()));
            write(Verbosity.DEBUG, s.command().id(), "Command: " + s.command().loggedScript());
        } else if (e instanceof Event.CommandOutput o) {
            write(Verbosity.DEBUG, o.command().id(), "\t" + o.line());
        } else if (e instanceof Event.CommandFinished f) {
            Verbosity v = !f.success() && f.command().raiseOnNonZero() ? Verbosity.ERROR : f.command().verbosity();
            String status = f.exitStatus() < 0 ? "no exit status (failed)"
                    : "exit status " + f.exitStatus() + (f.success() ? " (successful)." : " (failed).");
            write(v, f.command().id(), String.format(Locale.ROOT, "Finished in %5.3f seconds with %s", f.duration().toMillis() / 1000.0, status));
        } else if (e instanceof Event.LogMessage m) {
            write(m.level(), null, m.message());
        } else if (e instanceof Event.TaskStarted t) {
            write(Verbosity.DEBUG, null, "Task " + t.task());
        } else if (e instanceof Event.TransferProgress p && p.bytes() == p.total()) {
            write(Verbosity.INFO, p.transferId(), (p.direction() == Event.Direction.UPLOAD ? "Uploaded " : "Downloaded ")
                    + p.name() + " (" + p.bytes() + " bytes)" + on(p.host()));
        }
    }

    private void write(Verbosity v, String id, String text) {
        if (!v.atLeast(level)) return;
        String name = String.format("%6s", v.name());
        String prefix = console.paint(name, colour(v)) + (id == null ? "" : " [" + console.paint(id, "0;32") + "]") + " ";
        for (String line : text.split("\n", -1)) console.line(prefix + line);
    }

    static String on(Host h) {
        return h.getUser() == null ? " on " + h.label() : " as " + h.label();
    }

    private static String colour(Verbosity v) {
        return switch (v) {
            case TRACE, DEBUG -> "0;90";
            case INFO -> "0;34";
            case WARN -> "0;33";
            case ERROR, FATAL -> "0;31";
        };
    }
}
