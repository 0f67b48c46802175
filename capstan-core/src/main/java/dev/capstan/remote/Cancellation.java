package dev.capstan.remote;

/** Set when one host of a parallel block failed: the others finish their current command, then stop. */
public final class Cancellation {
    private volatile String reason;
    private volatile boolean external;

    public void cancel(String why) {
        if (reason == null) reason = why;
    }

    /** Cancelled by the run itself being stopped ({@link Coordinator#stop}), not by another host's failure. */
    void cancelFromOutside(String why) {
        synchronized (this) {
            if (reason == null) external = true;
            cancel(why);
        }
    }

    public boolean isCancelled() { return reason != null; }

    boolean isExternal() { return external; }

    String reason() { return reason; }

    void check(Host host) {
        String r = reason;
        if (r != null) throw new CancelledException(host, r);
    }

    /** A host stopped before its next command because another host failed. */
    public static final class CancelledException extends RemoteException {
        public CancelledException(Host host, String reason) {
            super(host, "stopped on " + host.label() + " before its next command: " + reason);
        }
    }
}
