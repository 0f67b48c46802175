package dev.capstan.remote;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The commands a backend runs now, by host and command id, so that {@link Backend#abort} from another thread finds
 * the one to end. An abort that comes just before its command registered leaves how to end it, for the backend to
 * keep the command from starting (or to end it at once, the way the abort asked).
 */
public final class InFlight<T> {
    private record Aborted(Ending how) {}

    private final Map<List<Object>, Object> entries = new ConcurrentHashMap<>();

    /** @return null to go on; else the command was aborted before it started, and this is how it is to be ended */
    public Ending start(Host host, Command command, T handle) {
        List<Object> key = List.of(host, command.id());
        Object before = entries.putIfAbsent(key, handle);
        if (before instanceof Aborted a) {
            entries.remove(key);
            return a.how();
        }
        return null;
    }

    public void finish(Host host, Command command) {
        entries.remove(List.of(host, command.id()));
    }

    /** The running command's handle, or null when it has not started (it then never will). */
    @SuppressWarnings("unchecked")
    public T abort(Host host, Command command, Ending how) {
        Object running = entries.putIfAbsent(List.of(host, command.id()), new Aborted(how));
        return running == null || running instanceof Aborted ? null : (T) running;
    }
}
