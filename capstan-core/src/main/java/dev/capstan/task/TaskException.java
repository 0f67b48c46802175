package dev.capstan.task;

/** A problem with tasks themselves: unknown name, cycle, bad hook. */
public class TaskException extends RuntimeException {
    public TaskException(String message) {
        super(message);
    }

    public TaskException(String message, Throwable cause) {
        super(message, cause);
    }
}
