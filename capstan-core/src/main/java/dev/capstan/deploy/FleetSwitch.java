package dev.capstan.deploy;

import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.deploy.commands.SymlinkCommands;
import dev.capstan.remote.Host;
import dev.capstan.remote.HostBlock;
import dev.capstan.remote.HostFailure;
import dev.capstan.remote.OnFailedException;
import dev.capstan.remote.Remote;
import dev.capstan.task.TaskContext;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Switches {@code current} on hosts to the releases of this run and back, remembering what each host served
 * before. One per publish: every host is switched with the same link name and checks, all at once or in waves.
 */
final class FleetSwitch {
    private final TaskContext ctx;
    private final DeployPaths p;
    private final Map<String, String> releases;
    private final String own;
    private final boolean needRevision;
    private final String link = HexFormat.of().formatHex(randomBytes());
    /** Host label to what current pointed to before this run switched it. */
    final Map<String, String> previous = new ConcurrentHashMap<>();
    /** Host label to why it could not be switched (its last attempt). */
    final Map<String, String> errors = new ConcurrentHashMap<>();
    /** Host label to why it could not be switched back. */
    final Map<String, String> revertErrors = new ConcurrentHashMap<>();

    FleetSwitch(TaskContext ctx, DeployPaths p, Map<String, String> releases) {
        this.ctx = ctx;
        this.p = p;
        this.releases = releases;
        boolean rollingBack = DeployRun.of(ctx).rollingBack();
        this.own = rollingBack ? null : DeployRun.of(ctx).token();
        this.needRevision = !rollingBack && ctx.runner().hasRun("deploy:set_current_revision") && ctx.config().fetch("current_revision") != null;
    }

    /** Switches {@code hosts}, trying a failed host once more; returns the hosts that still failed (why in {@link #errors}). */
    List<Host> switchTo(List<Host> hosts) {
        List<Host> failed = attempt(ctx, hosts, errors, r -> switchHost(r, false));
        if (failed.isEmpty()) return failed;
        ctx.warn("could not switch current on " + labels(failed) + "; trying once more there");
        failed.forEach(h -> errors.remove(h.label()));
        return attempt(ctx, failed, errors, r -> switchHost(r, true));
    }

    /** Switches {@code hosts} back to what they served; returns those that could not be (why in {@link #revertErrors}). */
    List<Host> switchBack(List<Host> hosts) {
        List<Host> stillNew = attempt(ctx, hosts, revertErrors, r -> {
            String had = previous.get(r.host().label());
            if (had == null) throw new IllegalStateException("the release it had before is unknown");
            r.execute(SymlinkCommands.revert(p.deployTo(), p.currentPath(), had, releases.get(r.host().label()), own, link).render());
        });
        logLive(stillNew);
        return stillNew;
    }

    /** Where the release stays live on only some hosts, revisions.log says so there. */
    void logLive(List<Host> hosts) {
        attempt(ctx, hosts, new ConcurrentHashMap<>(), r -> r.execute(ReleaseCommands.appendRevisionLog(p.revisionLog(),
                ReleaseTasks.message(ctx, p, r.host())).render()));
    }

    /** Host label to the name of the release it switches to. */
    Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        releases.forEach((h, r) -> names.put(h, name(r)));
        return names;
    }

    /** What {@code host} served before this run switched it, for tables. */
    String before(String host) {
        return previous.containsKey(host) ? display(previous.get(host)) : "(as before)";
    }

    /**
     * Switches one host and records what it served before. A retry that finds the host on the release already
     * (its first answer was lost) cannot tell what that was, so it records nothing.
     */
    private void switchHost(Remote r, boolean retry) {
        String release = releases.get(r.host().label());
        String out = r.capture(SymlinkCommands.publish(p.deployTo(), p.currentPath(), release, p.relativeSymlinks(), link, own, needRevision).render());
        out.lines().filter(l -> l.startsWith("previous ")).map(l -> l.substring(9).strip())
                .filter(prev -> !retry || !name(prev).equals(name(release))).findFirst()
                .ifPresent(prev -> previous.putIfAbsent(r.host().label(), prev));
    }

    /** Runs {@code block} on every host without stopping the others; returns the hosts that failed, their errors in {@code errors}. */
    static List<Host> attempt(TaskContext ctx, List<Host> hosts, Map<String, String> errors, HostBlock block) {
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

    /** Whether {@code host} served a release before this run switched it (a first deploy's did not). */
    boolean hadRelease(String host) {
        String had = previous.get(host);
        return had != null && !had.isEmpty();
    }

    /** {@code hosts} without those in {@code minus}. */
    static List<Host> without(List<Host> hosts, List<Host> minus) {
        return hosts.stream().filter(h -> !minus.contains(h)).toList();
    }

    static String labels(List<Host> hosts) {
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
