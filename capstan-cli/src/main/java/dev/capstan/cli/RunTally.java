package dev.capstan.cli;

import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Counts what a run did, from its events, for the closing line: the hosts it ran commands on, what failed where. */
final class RunTally implements EventListener {
    private final Set<String> hosts = new LinkedHashSet<>();
    private final Set<String> failedHosts = new LinkedHashSet<>();
    private String failedTask;

    @Override
    public synchronized void on(Event e) {
        if (e instanceof Event.CommandStarted c) {
            hosts.add(c.host().label());
        } else if (e instanceof Event.HostFinished h && h.error() != null) {
            failedHosts.add(h.host().label());
        } else if (e instanceof Event.TaskFinished t && !t.success() && failedTask == null) {
            failedTask = t.task(); // the innermost: it finishes first
        }
    }

    synchronized int hosts() { return hosts.size(); }

    synchronized List<String> failedHosts() { return new ArrayList<>(failedHosts); }

    synchronized String failedTask() { return failedTask; }
}
