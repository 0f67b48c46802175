package dev.capstan.deploy;

import dev.capstan.deploy.commands.CleanupCommands;
import dev.capstan.remote.Shell;
import dev.capstan.task.TaskRegistry;

import java.util.Map;
import java.util.TreeMap;

/** deploy:status: per host, current release, its revision, and the releases present — drift at a glance. */
final class StatusTask {
    private StatusTask() {}

    static void define(TaskRegistry t) {
        t.define("deploy:status", "Show each server's current release, revision and releases", ctx -> {
            DeployPaths p = new DeployPaths(ctx.config());
            Map<String, String> rows = new TreeMap<>();
            ctx.on(Hosts.release(ctx), r -> {
                String out = r.capture(CleanupCommands.listReleases(p.releasesPath(), p.currentPath())
                        + "; echo \"revision $(cat " + Shell.escape(p.currentPath() + "/REVISION") + " 2>/dev/null)\"");
                ReleaseListing l = ReleaseListing.parse(out);
                String revision = out.lines().filter(x -> x.startsWith("revision ")).map(x -> x.substring(9).strip()).findFirst().orElse("");
                rows.put(r.host().label(), String.format("%-30s %-16s %-12s %d good%s", r.host().label(),
                        l.current() == null ? "(none)" : l.current(),
                        revision.isEmpty() ? "-" : revision.substring(0, Math.min(12, revision.length())),
                        l.good().size(), l.unfinished().isEmpty() ? "" : ", " + l.unfinished().size() + " unfinished: " + String.join(" ", l.unfinished())));
            });
            ctx.info(String.format("%-30s %-16s %-12s %s", "HOST", "CURRENT", "REVISION", "RELEASES"));
            rows.values().forEach(ctx::info);
            long distinct = rows.values().stream().map(v -> v.substring(31, Math.min(v.length(), 60)).strip()).distinct().count();
            if (distinct > 1) ctx.warn("servers differ: not every server runs the same release and revision");
        });
        t.define("releases", "Alias of deploy:status", java.util.List.of("deploy:status"), null, null);
    }
}
