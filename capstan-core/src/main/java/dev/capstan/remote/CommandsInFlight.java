package dev.capstan.remote;

import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Passes a run's events on and remembers which command runs where since when: what an interrupt says it waits for. */
final class CommandsInFlight implements EventListener {
    private record Running(String summary, Host host, Instant since) {}

    private final EventListener next;
    private final Map<List<Object>, Running> running = new ConcurrentHashMap<>();

    CommandsInFlight(EventListener next) {
        this.next = next;
    }

    @Override
    public void on(Event e) {
        if (e instanceof Event.CommandStarted s) {
            running.put(List.of(s.host(), s.command().id()), new Running(s.command().summary(), s.host(), s.at()));
        } else if (e instanceof Event.CommandFinished f) {
            running.remove(List.of(f.host(), f.command().id()));
        }
        next.on(e);
    }

    /** {@code sleep 600 on web1, web2 (for 42 s)}, one line per command; null when nothing runs. */
    String describe(Instant now) {
        Map<String, List<Running>> bySummary = new LinkedHashMap<>();
        running.values().stream().sorted((a, b) -> a.since().compareTo(b.since()))
                .forEach(r -> bySummary.computeIfAbsent(r.summary(), k -> new ArrayList<>()).add(r));
        if (bySummary.isEmpty()) return null;
        List<String> lines = new ArrayList<>();
        bySummary.forEach((summary, rs) -> lines.add(oneLine(summary) + " on "
                + String.join(", ", rs.stream().map(r -> r.host().label()).toList())
                + " (for " + Duration.between(rs.get(0).since(), now).toSeconds() + " s)"));
        return String.join("\n", lines);
    }

    private static String oneLine(String summary) {
        String s = summary.replaceAll("\\s+", " ").strip();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
