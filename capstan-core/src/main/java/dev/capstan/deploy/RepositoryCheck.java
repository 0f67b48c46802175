package dev.capstan.deploy;

import dev.capstan.task.TaskContext;

/**
 * A rollback switches to a release already on the hosts and never reads the repository, so the SCM's
 * reachability check is skipped in one: a rollback still works while the git host is down (Capistrano's
 * fails there), and saves the check's connection from every host to the repository.
 */
public final class RepositoryCheck {
    private RepositoryCheck() {}

    /** True (and logged) when {@code task}, an SCM's check, is not needed in this run. */
    public static boolean skipped(TaskContext ctx, String task) {
        if (!DeployRun.of(ctx).rollingBack()) return false;
        ctx.info(task + ": skipped, a rollback does not need the repository");
        return true;
    }
}
