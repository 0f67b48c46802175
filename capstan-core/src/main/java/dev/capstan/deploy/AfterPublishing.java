package dev.capstan.deploy;

import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.remote.OnFailedException;
import dev.capstan.task.TaskContext;

import java.util.Map;
import java.util.TreeSet;

/**
 * A failure after every host switched (a hook on deploy:published, a restart, cleanup): the release is live,
 * so the error says so, and revisions.log gets its line on every host (once, even if it was written already).
 */
final class AfterPublishing {
    private AfterPublishing() {}

    /** {@code e} itself when nothing was published in this run; else an error that says what is true. */
    static RuntimeException explain(TaskContext ctx, RuntimeException e) {
        Map<String, String> hosts = DeployRun.of(ctx).published();
        if (hosts.isEmpty()) return e;
        DeployPaths p = new DeployPaths(ctx);
        String notLogged = "";
        try {
            ctx.on(Hosts.release(ctx), Map.of("on_error", "continue"), r -> r.execute(
                    ReleaseCommands.appendRevisionLogOnce(p.revisionLog(), ReleaseTasks.message(ctx, p, r.host())).render()));
        } catch (OnFailedException logFailure) {
            notLogged = "; revisions.log not written on " + String.join(", ", logFailure.failures().stream().map(f -> f.host().label()).toList());
        }
        String releases = String.join(", ", new TreeSet<>(hosts.values().stream().map(String::valueOf).toList()));
        String what = DeployRun.of(ctx).rollingBack() ? "rolled back to release " : "release ";
        String live = what + releases + (what.startsWith("release") ? " is live" : "") + " on all " + hosts.size() + " host(s)";
        String message = live + (notLogged.isEmpty() ? " (logged in revisions.log)" : notLogged) + "; then " + messageOf(e);
        return new FailedAfterPublishingException(message, e);
    }

    private static String messageOf(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The run failed after publishing; the release stays live. */
    static final class FailedAfterPublishingException extends RuntimeException implements dev.capstan.task.RunOutcome {
        FailedAfterPublishingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
