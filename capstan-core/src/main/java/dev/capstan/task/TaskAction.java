package dev.capstan.task;

/** The body of a task. */
@FunctionalInterface
public interface TaskAction {
    void run(TaskContext context) throws Exception;
}
