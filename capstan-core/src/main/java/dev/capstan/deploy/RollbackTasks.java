package dev.capstan.deploy;

import dev.capstan.deploy.commands.CleanupCommands;
import dev.capstan.remote.RemoteException;
import dev.capstan.task.TaskRegistry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks, on each host, the release to roll back to: the good release before the one {@code current} points
 * to (by name, never an unfinished one), or {@code ROLLBACK_RELEASE}.
 */
final class RollbackTasks {
    static final String ROLLED_BACK_FROM = "capstan_rolled_back_from";

    private RollbackTasks() {}

    static void define(TaskRegistry t) {
        t.define("deploy:rollback_release_path", null, ctx -> {
            DeployPaths p = new DeployPaths(ctx.config());
            String wanted = explicitTarget(ctx.config());
            Map<String, String> targets = new ConcurrentHashMap<>();
            Map<String, String> from = new ConcurrentHashMap<>();
            ctx.on(Hosts.release(ctx), r -> {
                ReleaseListing l = ReleaseListing.parse(r.capture(CleanupCommands.listReleases(p.releasesPath(), p.currentPath())));
                String target;
                if (wanted != null) {
                    if (!l.good().contains(wanted)) {
                        String why = l.unfinished().contains(wanted) ? " is an unfinished (failed) release" : " does not exist";
                        throw new RemoteException(r.host(), "Cannot rollback because release " + wanted + why + " on " + r.host().label()
                                + " (releases there: " + String.join(", ", l.good()) + ")");
                    }
                    target = wanted;
                } else {
                    target = l.beforeCurrent();
                    if (target == null) {
                        throw new RemoteException(r.host(), "There are no older releases to rollback to on " + r.host().label()
                                + (l.current() == null ? " (current does not point to a release)" : " (current is " + l.current() + ")"));
                    }
                }
                targets.put(r.host().label(), p.releasesPath() + "/" + target);
                if (l.current() != null) from.put(r.host().label(), l.current());
            });
            ctx.config().set(DeployPaths.RELEASE_PATHS, targets);
            ctx.config().set(ROLLED_BACK_FROM, from);
        });
        t.define("deploy:revert_release", "Revert to previous release timestamp", List.of("deploy:rollback_release_path"),
                ctx -> ctx.config().set("rolling_back", true), null);
    }

    private static String explicitTarget(dev.capstan.config.Configuration c) {
        Object v = c.fetch("rollback_release");
        if (v == null) v = c.fetch("ROLLBACK_RELEASE");
        if (v == null) v = System.getenv("ROLLBACK_RELEASE");
        return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v).strip();
    }
}
