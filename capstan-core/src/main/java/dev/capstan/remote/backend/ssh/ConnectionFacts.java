package dev.capstan.remote.backend.ssh;

/**
 * How a connection to a host was made, for {@code doctor}.
 *
 * @param label      {@code user@host:port}
 * @param authMethod the method the server accepted ({@code publickey}, {@code password}, ...)
 * @param hostKey    how the host key was checked
 */
public record ConnectionFacts(String label, String authMethod, HostKeyCheck hostKey) {
    public enum HostKeyCheck {
        /** known_hosts has the key. */
        KNOWN,
        /** It was not known; {@code verify_host_key: 'accept_new'} recorded it. */
        ADDED,
        /** {@code verify_host_key: 'never'}: not checked at all. */
        NOT_CHECKED
    }
}
