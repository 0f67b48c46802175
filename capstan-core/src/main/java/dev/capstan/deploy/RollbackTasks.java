package dev.capstan.deploy;

import dev.capstan.deploy.commands.CleanupCommands;
import dev.capstan.task.TaskRegistry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks the one release the whole fleet rolls back to ({@link FleetRollback}): the good release before the
 * newest one the hosts serve, the same on every host, or {@code ROLLBACK_RELEASE}.
 */
final class RollbackTasks {
    private RollbackTasks() {}

    static void define(TaskRegistry t) {
        t.define("deploy:rollback_release_path", null, ctx -> {
            DeployPaths p = new DeployPaths(ctx);
            Map<String, ReleaseListing> listings = new ConcurrentHashMap<>();
            ctx.on(Hosts.release(ctx), r -> listings.put(r.host().label(),
                    ReleaseListing.parse(r.capture(CleanupCommands.listReleases(p.releasesPath(), p.currentPath(), p.revisionLog()).render()))));
            FleetRollback choice = FleetRollback.choose(listings, explicitTarget(ctx.config()));
            Map<String, String> targets = new ConcurrentHashMap<>();
            Map<String, String> from = new ConcurrentHashMap<>();
            for (String host : listings.keySet()) {
                targets.put(host, p.releasesPath() + "/" + choice.target());
                if (choice.from() != null) from.put(host, choice.from());
            }
            DeployRun.of(ctx).releasePaths(targets);
            DeployRun.of(ctx).rolledBackFrom(from);
        });
        t.define("deploy:revert_release", "Revert to previous release timestamp", List.of("deploy:rollback_release_path"),
                ctx -> DeployRun.of(ctx).flow(DeployRun.Flow.ROLLBACK), null);
    }

    private static String explicitTarget(dev.capstan.config.Configuration c) {
        Object v = c.fetch("rollback_release");
        if (v == null) v = c.fetch("ROLLBACK_RELEASE");
        if (v == null) v = System.getenv("ROLLBACK_RELEASE");
        return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v).strip();
    }
}
