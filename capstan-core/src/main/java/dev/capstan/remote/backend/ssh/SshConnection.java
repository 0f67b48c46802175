package dev.capstan.remote.backend.ssh;

import org.apache.sshd.client.session.ClientSession;

import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * One authenticated SSH connection to a host, shared by many commands. A semaphore keeps the number
 * of open channels at or under {@code max_sessions} (OpenSSH's MaxSessions); callers beyond it queue.
 */
final class SshConnection {
    private final ClientSession session;
    private final Limit channels;
    private final java.util.concurrent.atomic.AtomicInteger limit;
    private final String label;
    private int leases;
    private long lastUsed = System.nanoTime();

    SshConnection(ClientSession session, int maxSessions, String label) {
        this.session = session;
        this.channels = new Limit(Math.max(1, maxSessions));
        this.limit = new java.util.concurrent.atomic.AtomicInteger(Math.max(1, maxSessions));
        this.label = label;
    }

    ClientSession session() { return session; }

    String label() { return label; }

    boolean isOpen() { return session.isOpen() && !session.isClosing(); }

    /** Waits for a free channel slot. */
    void acquireChannel() throws InterruptedException { channels.acquire(); }

    void releaseChannel() { channels.release(); }

    /**
     * The server refused a channel while ours were under {@code max_sessions}: its own limit is lower.
     * Use one channel less from now on (never fewer than one); the caller retries in the queue.
     * @return false when already at one channel
     */
    boolean lowerChannelLimit() {
        int now = limit.get();
        if (now <= 1 || !limit.compareAndSet(now, now - 1)) return now > 1;
        channels.shrink();
        return true;
    }

    int channelLimit() { return limit.get(); }

    /** A fair semaphore that can give up permits for good. */
    private static final class Limit extends Semaphore {
        Limit(int permits) { super(permits, true); }

        void shrink() { reducePermits(1); }
    }

    synchronized void lease() { leases++; }

    /** @return true when nobody uses the connection any more */
    synchronized boolean unlease() {
        leases--;
        lastUsed = System.nanoTime();
        return leases == 0;
    }

    synchronized boolean idleFor(long nanos) { return leases == 0 && System.nanoTime() - lastUsed >= nanos; }

    void close() {
        try {
            session.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
