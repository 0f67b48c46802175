package dev.capstan.remote;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stop signal of one block's hosts. When another host fails, the others finish the command they are running and
 * stop before their next one. When the run itself is stopped (an interrupt, {@link Coordinator#stop}), the commands
 * running now are ended too: waiting for a hung hook or clone would never stop the run.
 */
public final class Cancellation {
    private volatile String reason;
    private volatile boolean external;
    private final Set<Runnable> running = ConcurrentHashMap.newKeySet();

    public void cancel(String why) {
        if (reason == null) reason = why;
    }

    /** Cancelled by the run being stopped; returns how to end the commands running now (the caller runs them). */
    List<Runnable> cancelFromOutside(String why) {
        synchronized (this) {
            if (reason == null) external = true;
            cancel(why);
        }
        return List.copyOf(running);
    }

    /**
     * Registers how to end the command about to run; call the returned action once it has finished. Registered before
     * the last {@link #check}, so a stop that comes in between is either seen by the check or ends the command.
     */
    Runnable whileRunning(Runnable end) {
        running.add(end);
        return () -> running.remove(end);
    }

    public boolean isCancelled() { return reason != null; }

    boolean isExternal() { return external; }

    String reason() { return reason; }

    void check(Host host) {
        String r = reason;
        if (r != null) throw new CancelledException(host, r);
    }

    /** A host stopped before its next command (another host failed, or the run was stopped), or its command was ended. */
    public static final class CancelledException extends RemoteException {
        public CancelledException(Host host, String reason) {
            super(host, "stopped on " + host.label() + " before its next command: " + reason);
        }

        CancelledException(Host host, Command command, String reason) {
            super(host, "stopped on " + host.label() + ": " + command.summary() + " was ended on the host (" + reason + ")");
        }

        CancelledException(Host host, String transfer, String reason) {
            super(host, "stopped on " + host.label() + ": the " + transfer + " was cut short (" + reason + ")");
        }
    }
}
