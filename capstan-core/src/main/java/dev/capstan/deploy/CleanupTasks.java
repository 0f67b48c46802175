package dev.capstan.deploy;

import dev.capstan.deploy.commands.CleanupCommands;
import dev.capstan.task.TaskRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * deploy:cleanup keeps {@code keep_releases} good releases on each host, judged from that host's own
 * listing: unfinished (failed) releases go first and never push a good one out; {@code current} is never removed.
 */
final class CleanupTasks {
    private CleanupTasks() {}

    static void define(TaskRegistry t) {
        t.define("deploy:cleanup", "Clean up old releases", ctx -> {
            int keep = ctx.config().fetchInt("keep_releases", 5);
            if (keep < 1) throw new dev.capstan.config.ConfigException("variable 'keep_releases' must be at least 1, not " + keep);
            DeployPaths p = new DeployPaths(ctx.config());
            ctx.on(Hosts.release(ctx), r -> {
                ReleaseListing l = ReleaseListing.parse(r.capture(CleanupCommands.listReleases(p.releasesPath(), p.currentPath())));
                if (!l.invalid().isEmpty()) {
                    r.warn("Skipping cleanup of invalid releases on " + r.host() + "; unexpected foldername found (should be timestamp): "
                            + String.join(", ", l.invalid()));
                }
                List<String> remove = new ArrayList<>();
                for (String u : l.unfinished()) if (!u.equals(l.current())) remove.add(u);
                List<String> good = l.good();
                if (good.size() > keep) {
                    r.info("Keeping " + keep + " of " + good.size() + " deployed releases on " + r.host());
                    for (String g : good.subList(0, good.size() - keep)) {
                        if (g.equals(l.current())) r.warn("Current release was marked for being removed but it's going to be skipped on " + r.host());
                        else remove.add(g);
                    }
                } else {
                    r.info("No old releases (keeping newest " + keep + ") on " + r.host());
                }
                if (!l.unfinished().isEmpty()) r.info("Removing " + l.unfinished().size() + " unfinished release(s) on " + r.host() + ": " + String.join(", ", l.unfinished()));
                if (!remove.isEmpty()) r.execute(CleanupCommands.remove(p.releasesPath(), remove));
            });
        });
        t.define("deploy:cleanup_rollback", "Remove and archive rolled-back release.", ctx -> {
            DeployPaths p = new DeployPaths(ctx.config());
            Object from = ctx.config().fetch(RollbackTasks.ROLLED_BACK_FROM);
            ctx.on(Hosts.release(ctx), r -> {
                String name = from instanceof Map<?, ?> m ? (String) m.get(r.host().label()) : null;
                ReleaseListing l = ReleaseListing.parse(r.capture(CleanupCommands.listReleases(p.releasesPath(), p.currentPath())));
                if (name == null || name.equals(l.current())) {
                    r.debug("Last release is the current release, skip cleanup_rollback.");
                    return;
                }
                r.execute(CleanupCommands.archiveAndRemove(p.deployTo(), p.releasesPath(), name));
            });
        });
    }
}
