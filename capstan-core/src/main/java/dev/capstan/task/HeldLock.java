package dev.capstan.task;

/**
 * A lock a run takes on its hosts (the deploy lock), as the CLI sees it when a run is stopped: did this run take
 * it, and may it still hold it somewhere? A recipe's per-run state implements it ({@link TaskRunner#state}).
 */
public interface HeldLock {
    /** This run took the lock (on some hosts at least). */
    boolean taken();

    /** This run may still hold it on some host (it was taken and not yet released everywhere). */
    boolean held();
}
