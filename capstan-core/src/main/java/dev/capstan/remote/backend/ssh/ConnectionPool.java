package dev.capstan.remote.backend.ssh;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One pooled {@link SshConnection} per key (user@host:port and options). A connection that was
 * dropped is replaced on the next lease; one unused for its idle timeout is closed by a sweeper.
 */
final class ConnectionPool implements AutoCloseable {
    /** Opens a new connection for a key. */
    interface Opener {
        SshConnection open();
    }

    private final Map<Object, Slot> slots = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    ConnectionPool() {
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "capstan-ssh-idle-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    /** A live connection for {@code key}, opened if needed; give it back with {@link #release}. */
    SshConnection lease(Object key, Duration idleTimeout, Opener opener) {
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        synchronized (slot) {
            if (slot.connection == null || !slot.connection.isOpen()) {
                if (slot.connection != null) slot.connection.close();
                slot.connection = null;
                slot.connection = opener.open();
                slot.idleNanos = idleTimeout.toNanos();
            }
            slot.connection.lease();
            return slot.connection;
        }
    }

    void release(Object key, SshConnection connection) {
        boolean unused = connection.unlease();
        Slot slot = slots.get(key);
        if (unused && slot != null && slot.idleNanos <= 0) {
            synchronized (slot) {
                if (slot.connection == connection && connection.idleFor(0)) {
                    connection.close();
                    slot.connection = null;
                }
            }
        }
    }

    /** Forgets a connection that turned out dead, so the next lease reconnects. */
    void discard(Object key, SshConnection connection) {
        Slot slot = slots.get(key);
        if (slot == null) return;
        synchronized (slot) {
            if (slot.connection == connection) slot.connection = null;
        }
        connection.close();
    }

    int openConnections() {
        int n = 0;
        for (Slot s : slots.values()) {
            synchronized (s) {
                if (s.connection != null && s.connection.isOpen()) n++;
            }
        }
        return n;
    }

    private void sweep() {
        for (Slot slot : slots.values()) {
            synchronized (slot) {
                SshConnection c = slot.connection;
                if (c != null && (!c.isOpen() || c.idleFor(slot.idleNanos))) {
                    c.close();
                    slot.connection = null;
                }
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        for (Slot slot : slots.values()) {
            synchronized (slot) {
                if (slot.connection != null) slot.connection.close();
                slot.connection = null;
            }
        }
        slots.clear();
    }

    private static final class Slot {
        SshConnection connection;
        long idleNanos;
    }
}
