package dev.capstan.deploy;

import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.deploy.commands.SymlinkCommands;
import dev.capstan.remote.Host;
import dev.capstan.remote.HostFailure;
import dev.capstan.remote.OnFailedException;
import dev.capstan.task.TaskContext;
import dev.capstan.task.TaskRegistry;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * deploy:symlink:release, the one step where hosts change what they serve. Every host switches, or none
 * does: a host that fails to switch is tried once more; if it still cannot, the hosts that switched are
 * switched back to the release they had, and the error ends with a hosts × release table.
 */
final class PublishTask {
    private PublishTask() {}

    static void define(TaskRegistry t) {
        t.define("deploy:symlink:release", "Symlink release to current", ctx -> {
            DeployPaths p = new DeployPaths(ctx);
            List<Host> hosts = ctx.config().filters().apply(List.copyOf(Hosts.release(ctx)));
            Map<String, String> releases = new LinkedHashMap<>();
            for (Host h : hosts) {
                String release = p.releaseToPublish(h);
                if (release == null) {
                    throw new IllegalStateException("no release of this run to publish on " + h.label()
                            + " (deploy:symlink:release switches to the release `deploy` or `deploy:rollback` prepared); current left as it is");
                }
                releases.put(h.label(), release);
            }
            LockTasks.holding(ctx, () -> publish(ctx, p, hosts, releases));
        });
    }

    private static void publish(TaskContext ctx, DeployPaths p, List<Host> hosts, Map<String, String> releases) {
        boolean rollingBack = DeployRun.of(ctx).rollingBack();
        String own = rollingBack ? null : DeployRun.of(ctx).token();
        boolean needRevision = !rollingBack && ctx.runner().hasRun("deploy:set_current_revision") && ctx.config().fetch("current_revision") != null;
        String link = HexFormat.of().formatHex(randomBytes());
        Map<String, String> previous = new ConcurrentHashMap<>();
        Map<String, String> errors = new ConcurrentHashMap<>();
        List<Host> failed = attempt(ctx, hosts, errors, r -> switchHost(r, p, releases, link, own, needRevision, previous, false));
        if (!failed.isEmpty()) {
            ctx.warn("could not switch current on " + labels(failed) + "; trying once more there");
            errors.clear();
            failed = attempt(ctx, failed, errors, r -> switchHost(r, p, releases, link, own, needRevision, previous, true));
        }
        Map<String, String> names = new LinkedHashMap<>();
        releases.forEach((h, r) -> names.put(h, name(r)));
        if (failed.isEmpty()) {
            DeployRun.of(ctx).published(names);
            return;
        }
        List<String> failedLabels = failed.stream().map(Host::label).toList();
        List<Host> switched = hosts.stream().filter(h -> !failedLabels.contains(h.label())).toList();
        Map<String, String> revertErrors = new ConcurrentHashMap<>();
        attempt(ctx, switched, revertErrors, r -> {
            String had = previous.get(r.host().label());
            if (had == null) throw new IllegalStateException("the release it had before is unknown");
            r.execute(SymlinkCommands.revert(p.deployTo(), p.currentPath(), had, releases.get(r.host().label()), own, link).render());
        });
        List<Host> stillNew = switched.stream().filter(h -> revertErrors.containsKey(h.label())).toList();
        // where the release stayed live, revisions.log says so
        attempt(ctx, stillNew, new ConcurrentHashMap<>(), r -> r.execute(ReleaseCommands.appendRevisionLog(p.revisionLog(),
                ReleaseTasks.message(ctx, p, r.host())).render()));
        FleetTable table = new FleetTable();
        for (Host h : hosts) {
            String l = h.label();
            String before = previous.containsKey(l) ? display(previous.get(l)) : "(as before)";
            if (errors.containsKey(l)) table.row(l, before, "not switched: " + errors.get(l));
            else if (revertErrors.containsKey(l)) table.row(l, names.get(l), "switched; switching back failed: " + revertErrors.get(l));
            else table.row(l, before, "switched back");
        }
        String failure = "could not " + (rollingBack ? "roll back" : "publish") + " on " + String.join(", ", failedLabels);
        String head = switched.isEmpty() ? failure + ": no host was switched"
                : stillNew.isEmpty() ? failure + ", so every host was switched back to the release it had"
                : failure + " and could not switch " + labels(stillNew) + " back: the fleet is MIXED";
        throw new PublishFailedException(head + "\n" + table.render("HOST", "CURRENT", "STATE")
                + "\nFix the host(s) and run `capstan " + stage(ctx) + (rollingBack ? " deploy:rollback" : " deploy") + "` again"
                + " (deploy:status shows every host's release).");
    }

    /**
     * Switches one host and records in {@code previous} what it served before. A retry that finds the host on the
     * release already (its first answer was lost) cannot tell what that was, so it records nothing.
     */
    private static void switchHost(dev.capstan.remote.Remote r, DeployPaths p, Map<String, String> releases, String link, String own,
                                   boolean needRevision, Map<String, String> previous, boolean retry) {
        String release = releases.get(r.host().label());
        String out = r.capture(SymlinkCommands.publish(p.deployTo(), p.currentPath(), release, p.relativeSymlinks(), link, own, needRevision).render());
        out.lines().filter(l -> l.startsWith("previous ")).map(l -> l.substring(9).strip())
                .filter(prev -> !retry || !name(prev).equals(name(release))).findFirst()
                .ifPresent(prev -> previous.putIfAbsent(r.host().label(), prev));
    }

    /** Runs {@code block} on every host without stopping the others; returns the hosts that failed, their errors in {@code errors}. */
    private static List<Host> attempt(TaskContext ctx, List<Host> hosts, Map<String, String> errors, dev.capstan.remote.HostBlock block) {
        if (hosts.isEmpty()) return List.of();
        try {
            ctx.on(hosts, Map.of("on_error", "continue"), block);
            return List.of();
        } catch (OnFailedException e) {
            List<Host> failed = new ArrayList<>();
            for (HostFailure f : e.failures()) {
                failed.add(f.host());
                String m = f.error().getMessage() == null ? f.error().toString() : f.error().getMessage();
                errors.put(f.host().label(), m.strip().lines().reduce((a, b) -> b).orElse(m));
            }
            return failed;
        }
    }

    static String stage(TaskContext ctx) {
        String s = ctx.config().fetchString("stage");
        return s == null || s.isBlank() ? "STAGE" : s;
    }

    private static String labels(List<Host> hosts) {
        return String.join(", ", hosts.stream().map(Host::label).toList());
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String display(String target) {
        return target == null || target.isEmpty() ? "(none)" : name(target);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
