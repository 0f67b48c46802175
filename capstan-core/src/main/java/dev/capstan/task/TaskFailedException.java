package dev.capstan.task;

/** A task's action raised; names the task. The cause is the real error (e.g. a failed command on a host). */
public final class TaskFailedException extends TaskException {
    private final String task;

    public TaskFailedException(String task, Throwable cause) {
        super(task + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        this.task = task;
    }

    public String task() { return task; }
}
