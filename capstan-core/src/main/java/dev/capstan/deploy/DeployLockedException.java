package dev.capstan.deploy;

/** Another deploy holds the lock on one or more hosts; the message says who, since when, and how to break it. */
public final class DeployLockedException extends RuntimeException implements dev.capstan.task.RunOutcome {
    public DeployLockedException(String message) {
        super(message);
    }
}
