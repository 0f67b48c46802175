package dev.capstan.output;

import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.util.TreeSet;
import java.util.Locale;
import java.util.Set;

/** One dot per finished command (red when it failed), then a summary line. */
final class DotFormatter implements EventListener {
    private final Console console;
    private final Set<String> hosts = new TreeSet<>();
    private final Set<String> failedHosts = new TreeSet<>();
    private int commands;
    private int failures;

    DotFormatter(Console console) {
        this.console = console;
    }

    @Override
    public synchronized void on(Event e) {
        if (e instanceof Event.CommandFinished f) {
            commands++;
            hosts.add(f.host().label());
            boolean failed = !f.success() && f.command().raiseOnNonZero();
            if (failed) {
                failures++;
                failedHosts.add(f.host().label());
            }
            console.raw(failed ? console.paint(".", "0;31") : console.paint(".", "0;32"));
        } else if (e instanceof Event.RunFinished r) {
            if (commands == 0) console.raw("");
            console.raw("\n");
            console.line(String.format(Locale.ROOT, "%d commands on %d hosts, %d failed%s in %.1fs: %s", commands, hosts.size(), failures,
                    failedHosts.isEmpty() ? "" : " (" + String.join(", ", failedHosts) + ")",
                    r.duration().toMillis() / 1000.0, r.success() ? "success" : "FAILED"));
        }
    }
}
