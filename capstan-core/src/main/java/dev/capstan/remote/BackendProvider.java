package dev.capstan.remote;

/** Chooses the backend for a host (SSH for most, local for {@code backend: 'local'}, printer in a dry run). */
@FunctionalInterface
public interface BackendProvider {
    Backend backendFor(Host host);

    /** Hosts marked local use {@code local}; every other host uses {@code remote}. */
    static BackendProvider of(Backend remote, Backend local) {
        return host -> host.isLocal() ? local : remote;
    }
}
