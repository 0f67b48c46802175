package dev.capstan.deploy;

import dev.capstan.config.Configuration;
import dev.capstan.deploy.commands.LockCommands;
import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.deploy.script.Script;
import dev.capstan.task.TaskContext;
import dev.capstan.task.TaskRegistry;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deploy lock: taken on every host before {@code deploy:starting}, released in {@code deploy:finished}
 * and on failure. A second deploy is refused with who holds the lock, since when, and how to break it.
 * Every task that changes hosts runs {@link #holding} it.
 */
final class LockTasks {
    private LockTasks() {}

    static void define(TaskRegistry t) {
        t.define("deploy:lock", "Lock the deploy on every server (refuses a concurrent deploy)", ctx -> {
            // the previous revision is read by the same command when nothing is hooked before it
            boolean readPrevious = DeployChains.lock().folds(ctx, "deploy:lock", "deploy:set_previous_revision");
            acquire(ctx, readPrevious);
        });
        t.define("deploy:unlock", "Break the deploy lock on every server, whoever holds it", ctx -> {
            DeployPaths p = new DeployPaths(ctx);
            ctx.on(Hosts.release(ctx), r -> r.execute(LockCommands.breakLock(p.lockPath()).render()));
        });
        t.define("deploy:unlock_own", null, ctx -> {
            if (!DeployRun.of(ctx).held()) return;
            releaseOwn(ctx);
        });
    }

    /**
     * Runs {@code body} holding the deploy lock: a task that changes hosts reuses the lock of the run it is part
     * of, and run on its own takes the lock for itself and releases it afterwards.
     */
    static void holding(TaskContext ctx, Runnable body) {
        if (DeployRun.of(ctx).held()) {
            body.run();
            return;
        }
        acquire(ctx, false);
        try {
            body.run();
        } finally {
            if (DeployRun.of(ctx).held()) releaseOwn(ctx);
        }
    }

    private static void acquire(TaskContext ctx, boolean readPrevious) {
        DeployPaths p = new DeployPaths(ctx);
        String token = DeployRun.of(ctx).token();
        LockOwner self = LockOwner.self();
        String info = "user=" + ctx.config().fetchString("local_user") + " host=" + localHost()
                + " stage=" + ctx.config().fetchString("stage") + " since=" + Instant.now().getEpochSecond() + " token=" + token
                + " " + self.info();
        boolean force = ctx.config().fetchBoolean("force_unlock", false);
        Map<String, String> refused = new ConcurrentHashMap<>();
        // from here on, a failure releases whatever this run acquired (deploy:failed -> unlock_own)
        DeployRun.of(ctx).lockTaken();
        Map<String, String> previous = RunState.perHost(ctx, "previous_revision");
        Map<String, String> newest = RunState.perHost(ctx, "newest_release");
        ctx.on(Hosts.release(ctx), r -> {
            if (force) r.execute(LockCommands.breakLock(p.lockPath()).render());
            // the newest release name rides along, so the new release is named after it (a clock behind, the same second)
            Script lock = LockCommands.acquire(p.deployTo(), p.lockPath(), info).then(ReleaseCommands.newestRelease(p.releasesPath()));
            if (readPrevious) lock = lock.then(ReleaseCommands.previousRevision(p.currentPath()));
            String script = lock.render();
            Map<String, Object> shown = readPrevious ? Chain.shownAs(Chain.heading("lock", List.of("lock", "newest release", "previous revision"),
                    List.of("deploy:lock", "deploy:set_previous_revision")), lock) : Map.of();
            String out = withoutNewest(r.capture(shown, script), newest, r.host().label());
            Map<String, String> holder = out.startsWith("held") ? parse(out.substring("held".length())) : Map.of();
            String dead = holder.isEmpty() ? null : self.provablyGone(holder);
            if (dead != null) {
                // the run that holds it is provably gone (this machine, its process ended): its lock protects nothing
                r.warn("taking over the deploy lock left by a run that died on this machine (" + dead + ")");
                r.execute(LockCommands.release(p.lockPath(), holder.get("token")).render());
                out = withoutNewest(r.capture(shown, script), newest, r.host().label());
            }
            // the script always prints; nothing at all means nothing ran (a dry run), so there is no holder to report
            if (!out.isEmpty() && !out.startsWith("acquired")) refused.put(r.host().label(), out.replaceFirst("^held\\s*", ""));
            else if (readPrevious && out.startsWith("acquired")) previous.put(r.host().label(), out.substring("acquired".length()).strip());
        });
        if (readPrevious && refused.isEmpty()) RunState.markDone(ctx, "deploy:set_previous_revision", "deploy:lock");
        if (!refused.isEmpty()) {
            throw new DeployLockedException(describe(refused, ctx.config().fetchInt("lock_ttl", 3600), ctx.config().fetchString("stage")));
        }
    }

    /** The output without its {@code newest NAME} line, which goes into {@code newest}. */
    private static String withoutNewest(String out, Map<String, String> newest, String host) {
        StringBuilder rest = new StringBuilder();
        for (String line : out.lines().toList()) {
            if (line.startsWith("newest ")) {
                if (!line.substring(7).isBlank()) newest.put(host, line.substring(7).strip());
            } else {
                rest.append(line).append('\n');
            }
        }
        return rest.toString().strip();
    }

    private static void releaseOwn(TaskContext ctx) {
        DeployPaths p = new DeployPaths(ctx);
        String token = DeployRun.of(ctx).token();
        ctx.on(Hosts.release(ctx), Map.of("on_error", "continue"), r -> r.execute(LockCommands.release(p.lockPath(), token).render()));
        // only once every host answered: a host that could not be reached keeps the lock, and the run says so
        DeployRun.of(ctx).lockReleased();
    }

    /** The command that releases this run's lock, or null when this run holds none. */
    static Script releaseCommandIfHeld(TaskContext ctx) {
        if (!DeployRun.of(ctx).held()) return null;
        return LockCommands.release(new DeployPaths(ctx).lockPath(), DeployRun.of(ctx).token());
    }

    static void markReleased(TaskContext ctx) {
        DeployRun.of(ctx).lockReleased();
    }

    static String describe(Map<String, String> refused, int ttlSeconds, String stage) {
        StringBuilder sb = new StringBuilder("deploy is locked on ").append(refused.size()).append(" host(s):");
        long now = Instant.now().getEpochSecond();
        for (Map.Entry<String, String> e : refused.entrySet()) {
            Map<String, String> info = parse(e.getValue());
            long since = LockOwner.parseLong(info.get("since"));
            long age = since > 0 ? now - since : -1;
            sb.append("\n- ").append(e.getKey()).append(": locked by ").append(info.getOrDefault("user", "?"))
              .append(" from ").append(info.getOrDefault("host", "?"))
              .append(since > 0 ? " since " + Instant.ofEpochSecond(since) + " (" + age + " s ago)" : "")
              .append(info.containsKey("pid") ? ", pid " + info.get("pid") : "")
              .append(age > ttlSeconds ? " — STALE (older than lock_ttl " + ttlSeconds + " s)" : "");
        }
        String command = "capstan " + (stage == null || stage.isBlank() ? "STAGE" : stage) + " deploy:unlock";
        sb.append("\nWait for that deploy to finish. If it is dead, break the lock with `").append(command).append("`"
                + " or deploy with --force-unlock (force_unlock=true).");
        return sb.toString();
    }

    private static Map<String, String> parse(String info) {
        Map<String, String> out = new ConcurrentHashMap<>();
        for (String part : info.strip().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) out.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return out;
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }

    static List<String> names() { return List.of("deploy:lock", "deploy:unlock"); }
}
