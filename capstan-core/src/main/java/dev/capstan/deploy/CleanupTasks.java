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

    private static List<String> names(List<String> lines, String kind) {
        List<String> out = new ArrayList<>();
        for (String l : lines) if (l.startsWith(kind + " ")) out.add(l.substring(kind.length() + 1));
        return out;
    }

    static void define(TaskRegistry t) {
        t.define("deploy:cleanup", "Clean up old releases", ctx -> {
            int keep = ctx.config().fetchInt("keep_releases", 5);
            if (keep < 1) throw new dev.capstan.config.ConfigException("variable 'keep_releases' must be at least 1, not " + keep);
            DeployPaths p = new DeployPaths(ctx.config());
            ctx.on(Hosts.release(ctx), r -> {
                List<String> lines = r.capture(Map.of("verbosity", "INFO"), CleanupCommands.cleanup(p.releasesPath(), p.currentPath(), keep)).lines().toList();
                List<String> invalid = names(lines, "invalid");
                if (!invalid.isEmpty()) {
                    r.warn("Skipping cleanup of invalid releases on " + r.host() + "; unexpected foldername found (should be timestamp): "
                            + String.join(", ", invalid));
                }
                List<String> unfinished = names(lines, "unfinished");
                if (!unfinished.isEmpty()) r.info("Removed " + unfinished.size() + " unfinished release(s) on " + r.host() + ": " + String.join(", ", unfinished));
                if (!names(lines, "current").isEmpty()) r.warn("Current release was marked for being removed but it's going to be skipped on " + r.host());
                List<String> removed = names(lines, "removed");
                int good = lines.stream().filter(l -> l.startsWith("kept ")).map(l -> Integer.parseInt(l.split(" ")[1])).findFirst().orElse(0);
                if (good > keep) r.info("Keeping " + keep + " of " + good + " deployed releases on " + r.host() + (removed.isEmpty() ? "" : "; removed " + String.join(", ", removed)));
                else r.info("No old releases (keeping newest " + keep + ") on " + r.host());
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
