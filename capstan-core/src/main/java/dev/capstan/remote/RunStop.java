package dev.capstan.remote;

/**
 * A run's stop request (an interrupt) and the sections that hold it back. The first request counts; it is pending
 * until a block or a check has raised it. While a section holds (publishing, failure handling) nothing is ended and
 * nothing is refused: the fleet is made consistent, the lock released, then the stop takes effect.
 */
final class RunStop {
    private String reason;
    private boolean pending;
    private final java.util.Deque<String> holds = new java.util.ArrayDeque<>();

    /** @return false when the run was already stopped (a second interrupt) */
    synchronized boolean request(String why) {
        if (reason != null) return false;
        reason = why;
        pending = true;
        return true;
    }

    /** The reason while the stop is pending and no section holds it back: commands are then ended, blocks refused. */
    synchronized String effective() { return pending && holds.isEmpty() ? reason : null; }

    /** The pending stop to raise now (and no longer pending), or null. */
    synchronized String take() {
        if (!pending || !holds.isEmpty()) return null;
        pending = false;
        return reason;
    }

    /** A block failed while the run was stopped: that failure carries the stop. */
    synchronized void raised() { if (holds.isEmpty()) pending = false; }

    synchronized void hold(String what) { holds.push(what); }

    synchronized void release() { holds.pop(); }

    synchronized String reason() { return reason; }

    /** What holds a stop back now (the innermost section), or null. */
    synchronized String heldBy() { return holds.peek(); }
}
