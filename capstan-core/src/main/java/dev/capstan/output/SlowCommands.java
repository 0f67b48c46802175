package dev.capstan.output;

import dev.capstan.remote.Command;
import dev.capstan.remote.Host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The commands running now, with the task they belong to and when they started (by this process's clock). */
final class SlowCommands {
    private record Running(String task, String command, Host host, long startedNanos, String id) {}

    private final Map<List<Object>, Running> running = new LinkedHashMap<>();
    /** The last line each running command printed, so a long step shows what it is doing. */
    private final Map<List<Object>, String> lastLines = new java.util.HashMap<>();

    void started(String task, Command command, Host host) {
        running.put(List.of(host, command.id()), new Running(task, shortForm(command.summary()), host, System.nanoTime(), command.id()));
    }

    void finished(Command command, Host host) {
        running.remove(List.of(host, command.id()));
        lastLines.remove(List.of(host, command.id()));
    }

    void printed(Command command, Host host, String line) {
        List<Object> key = List.of(host, command.id());
        if (running.containsKey(key) && line != null && !line.isBlank()) lastLines.put(key, line);
    }

    /** The longest-running command, or null when none runs. */
    Running slowest(long now) {
        Running oldest = null;
        for (Running r : running.values()) if (oldest == null || r.startedNanos() < oldest.startedNanos()) oldest = r;
        return oldest;
    }

    long longestSeconds(long now) {
        Running r = slowest(now);
        return r == null ? 0 : (now - r.startedNanos()) / 1_000_000_000L;
    }

    /**
     * {@code deploy:updating  git fetch … on web2, web3  42 s  › Receiving objects: 40%}: the longest-running command,
     * the hosts running the same one, how long the first of them has, and the last line it printed; null unless it has
     * run for {@code atLeastSeconds}.
     */
    String describe(long now, int atLeastSeconds) {
        Running oldest = slowest(now);
        if (oldest == null || longestSeconds(now) < atLeastSeconds) return null;
        List<String> hosts = new ArrayList<>();
        for (Running r : running.values()) {
            if (r.command().equals(oldest.command()) && java.util.Objects.equals(r.task(), oldest.task())) hosts.add(r.host().label());
        }
        String last = lastLines.get(List.of(oldest.host(), oldest.id()));
        return (oldest.task() == null ? "" : oldest.task() + "  ") + oldest.command() + " on " + String.join(", ", hosts)
                + "  " + longestSeconds(now) + " s" + (last == null ? "" : "  › " + shortForm(last));
    }

    private static String shortForm(String summary) {
        String s = ConciseFormatter.shorten(summary).replaceAll("\\s+", " ").strip();
        return s.length() > 40 ? s.substring(0, 39) + "…" : s;
    }
}
