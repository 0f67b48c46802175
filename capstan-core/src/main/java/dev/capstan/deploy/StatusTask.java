package dev.capstan.deploy;

import dev.capstan.deploy.commands.CleanupCommands;
import dev.capstan.deploy.script.Script;
import dev.capstan.task.TaskRegistry;

import java.util.Map;
import java.util.TreeMap;

/** deploy:status: per host, current release, its revision, and the releases present — drift at a glance. */
final class StatusTask {
    private StatusTask() {}

    static void define(TaskRegistry t) {
        t.define("deploy:status", "Show each server's current release, revision and releases", ctx -> {
            DeployPaths p = new DeployPaths(ctx);
            Map<String, String> rows = new TreeMap<>();
            Map<String, String> currents = new TreeMap<>();
            ctx.on(Hosts.release(ctx), r -> {
                String out = r.capture(CleanupCommands.listReleases(p.releasesPath(), p.currentPath(), p.revisionLog())
                        .then(Script.line("echo \"revision $(cat ").word(p.currentPath() + "/REVISION").text(" 2>/dev/null)\"")).render());
                ReleaseListing l = ReleaseListing.parse(out);
                currents.put(r.host().label(), l.current() == null ? "(none)" : l.current());
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
            Map<String, java.util.List<String>> byRelease = new TreeMap<>();
            currents.forEach((host, release) -> byRelease.computeIfAbsent(release, k -> new java.util.ArrayList<>()).add(host));
            if (byRelease.size() > 1) {
                StringBuilder sb = new StringBuilder("mixed fleet:");
                byRelease.forEach((release, hosts) -> sb.append(" ").append(hosts.size()).append(" on ").append(release)
                        .append(" (").append(String.join(", ", hosts)).append(");"));
                String stage = PublishTask.stage(ctx);
                ctx.warn(sb + " `capstan " + stage + " deploy` publishes one new release on every host; `capstan " + stage
                        + " deploy:rollback` brings every host to the release before the newest one");
            }
        });
        t.define("releases", "Alias of deploy:status", java.util.List.of("deploy:status"), null, null);
    }
}
