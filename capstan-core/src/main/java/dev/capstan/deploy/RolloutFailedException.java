package dev.capstan.deploy;

/** A rollout in waves stopped before every wave was done; the message says where every host is now. */
public final class RolloutFailedException extends RuntimeException implements dev.capstan.task.RunOutcome {
    RolloutFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
