package dev.capstan.output;

import dev.capstan.remote.event.EventListener;

/** The run's output: a listener for every event, closed at the end of the run (flushes the log and report). */
public interface Output extends EventListener, AutoCloseable {
    @Override
    void close();
}
