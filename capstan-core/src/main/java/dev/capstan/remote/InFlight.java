package dev.capstan.remote;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The commands a backend runs now, by host and command id, so that {@link Backend#abort} from another thread finds
 * the one to end. An abort that comes just before its command registered keeps that command from starting.
 */
public final class InFlight<T> {
    private static final Object ABORTED = new Object();
    private final Map<List<Object>, Object> entries = new ConcurrentHashMap<>();

    /** @return false when the command was aborted before it started: do not start it */
    public boolean start(Host host, Command command, T handle) {
        List<Object> key = List.of(host, command.id());
        if (entries.putIfAbsent(key, handle) == ABORTED) {
            entries.remove(key);
            return false;
        }
        return true;
    }

    public void finish(Host host, Command command) {
        entries.remove(List.of(host, command.id()));
    }

    /** The running command's handle, or null when it has not started (it then never will). */
    @SuppressWarnings("unchecked")
    public T abort(Host host, Command command) {
        Object running = entries.putIfAbsent(List.of(host, command.id()), ABORTED);
        return running == null || running == ABORTED ? null : (T) running;
    }
}
