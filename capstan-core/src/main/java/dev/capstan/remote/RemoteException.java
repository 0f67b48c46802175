package dev.capstan.remote;

/** A failure on a host: unreachable, refused, timed out, or a command that failed. */
public class RemoteException extends RuntimeException {
    private final transient Host host;

    public RemoteException(Host host, String message) {
        this(host, message, null);
    }

    public RemoteException(Host host, String message, Throwable cause) {
        super(message, cause);
        this.host = host;
    }

    /** The host at fault, or null when none is known. */
    public Host host() { return host; }
}
