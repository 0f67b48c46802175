package dev.capstan.remote.event;

import java.util.List;

/** Receives events; called from many threads at once, so implementations synchronise their own output. */
@FunctionalInterface
public interface EventListener {
    EventListener NONE = e -> {};

    void on(Event event);

    /** Sends each event to every listener, in order. */
    static EventListener all(List<? extends EventListener> listeners) {
        List<EventListener> copy = List.copyOf(listeners);
        return e -> copy.forEach(l -> l.on(e));
    }
}
