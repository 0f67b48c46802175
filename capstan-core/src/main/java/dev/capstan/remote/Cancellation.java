package dev.capstan.remote;

/** Set when one host of a parallel block failed: the others finish their current command, then stop. */
public final class Cancellation {
    private volatile String reason;

    public void cancel(String why) {
        if (reason == null) reason = why;
    }

    public boolean isCancelled() { return reason != null; }

    void check(Host host) {
        String r = reason;
        if (r != null) throw new CancelledException(host, r);
    }

    /** A host stopped before its next command because another host failed. */
    public static final class CancelledException extends RemoteException {
        CancelledException(Host host, String reason) {
            super(host, "stopped on " + host.label() + " before its next command: " + reason);
        }
    }
}
