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
    private final Semaphore channels;
    private final String label;
    private int leases;
    private long lastUsed = System.nanoTime();

    SshConnection(ClientSession session, int maxSessions, String label) {
        this.session = session;
        this.channels = new Semaphore(Math.max(1, maxSessions), true);
        this.label = label;
    }

    ClientSession session() { return session; }

    String label() { return label; }

    boolean isOpen() { return session.isOpen() && !session.isClosing(); }

    /** Waits for a free channel slot. */
    void acquireChannel() throws InterruptedException { channels.acquire(); }

    void releaseChannel() { channels.release(); }

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
