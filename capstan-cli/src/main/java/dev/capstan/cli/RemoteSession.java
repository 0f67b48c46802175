package dev.capstan.cli;

import dev.capstan.output.Output;
import dev.capstan.remote.Backend;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.Host;
import dev.capstan.remote.event.EventListener;

/**
 * What a command needs to work on hosts: the output (formatter, log file, masking), the backends and a
 * {@link Coordinator}; closing it closes the connections, then flushes the output.
 */
public final class RemoteSession implements AutoCloseable {
    private final Output output;
    private final Backends.Opened backends;
    private final Coordinator coordinator;

    RemoteSession(Output output, Backends.Opened backends, Coordinator coordinator) {
        this.output = output;
        this.backends = backends;
        this.coordinator = coordinator;
    }

    public Coordinator coordinator() { return coordinator; }

    public EventListener events() { return output; }

    /** The backend commands for {@code host} go through (SSH, local, or the printer of a dry run). */
    public Backend backendFor(Host host) {
        return backends.provider().backendFor(host);
    }

    @Override
    public void close() {
        try (output; backends) {
            coordinator.close();
        }
    }
}
