package dev.capstan.deploy;

import dev.capstan.config.Configuration;
import dev.capstan.deploy.commands.LockCommands;
import dev.capstan.task.TaskRegistry;

import java.net.InetAddress;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The deploy lock: taken on every host before {@code deploy:starting}, released in {@code deploy:finished}
 * and on failure. A second deploy is refused with who holds the lock, since when, and how to break it.
 */
final class LockTasks {
    private static final String TOKEN = "capstan_lock_token";

    private LockTasks() {}

    static void define(TaskRegistry t) {
        t.define("deploy:lock", "Lock the deploy on every server (refuses a concurrent deploy)", ctx -> {
            DeployPaths p = new DeployPaths(ctx.config());
            String token = token(ctx.config());
            String info = "user=" + ctx.config().fetchString("local_user") + " host=" + localHost()
                    + " stage=" + ctx.config().fetchString("stage") + " since=" + Instant.now().getEpochSecond() + " token=" + token
                    + " pid=" + ProcessHandle.current().pid();
            boolean force = ctx.config().fetchBoolean("force_unlock", false);
            Map<String, String> refused = new ConcurrentHashMap<>();
            // from here on, a failure releases whatever this run acquired (deploy:failed -> unlock_own)
            ctx.config().set("capstan_locked", true);
            // the previous revision is read by the same command when nothing is hooked before it
            boolean readPrevious = Folding.untouched(ctx, "deploy:set_previous_revision")
                    && Folding.untouched(ctx, "deploy:starting", List.of("deploy:lock"));
            Map<String, String> previous = Folding.perHost(ctx, "previous_revision");
            ctx.on(Hosts.release(ctx), r -> {
                if (force) r.execute(LockCommands.breakLock(p.lockPath()));
                String script = LockCommands.acquire(p.deployTo(), p.lockPath(), info);
                if (readPrevious) script += "; " + dev.capstan.deploy.commands.ReleaseCommands.previousRevision(p.currentPath());
                String out = r.capture(script);
                Map<String, String> holder = out.startsWith("held") ? parse(out.substring("held".length())) : Map.of();
                String dead = deadLocalHolder(holder);
                if (dead != null) {
                    // the run that holds it is provably gone (this machine, its process ended): its lock protects nothing
                    r.warn("taking over the deploy lock left by a run that died on this machine (" + dead + ")");
                    r.execute(LockCommands.release(p.lockPath(), holder.get("token")));
                    out = r.capture(script);
                }
                // the script always prints; nothing at all means nothing ran (a dry run), so there is no holder to report
                if (!out.isEmpty() && !out.startsWith("acquired")) refused.put(r.host().label(), out.replaceFirst("^held\\s*", ""));
                else if (readPrevious && out.startsWith("acquired")) previous.put(r.host().label(), out.substring("acquired".length()).strip());
            });
            if (readPrevious && refused.isEmpty()) Folding.markDone(ctx, "deploy:set_previous_revision", "deploy:lock");
            if (!refused.isEmpty()) throw new DeployLockedException(describe(refused, ctx.config().fetchInt("lock_ttl", 3600)));
        });
        t.define("deploy:unlock", "Break the deploy lock on every server, whoever holds it", ctx -> {
            DeployPaths p = new DeployPaths(ctx.config());
            ctx.on(Hosts.release(ctx), r -> r.execute(LockCommands.breakLock(p.lockPath())));
        });
        t.define("deploy:unlock_own", null, ctx -> {
            if (!ctx.config().fetchBoolean("capstan_locked", false)) return;
            DeployPaths p = new DeployPaths(ctx.config());
            String token = token(ctx.config());
            ctx.on(Hosts.release(ctx), Map.of("on_error", "continue"), r -> r.execute(LockCommands.release(p.lockPath(), token)));
            // only once every host answered: a host that could not be reached keeps the lock, and the run says so
            ctx.config().set("capstan_locked", false);
        });
    }

    /** The command that releases this run's lock, or null when this run holds none. */
    static String releaseCommandIfHeld(dev.capstan.task.TaskContext ctx) {
        if (!ctx.config().fetchBoolean("capstan_locked", false)) return null;
        return LockCommands.release(new DeployPaths(ctx.config()).lockPath(), token(ctx.config()));
    }

    static void markReleased(dev.capstan.task.TaskContext ctx) {
        ctx.config().set("capstan_locked", false);
    }

    static String describe(Map<String, String> refused, int ttlSeconds) {
        StringBuilder sb = new StringBuilder("deploy is locked on ").append(refused.size()).append(" host(s):");
        long now = Instant.now().getEpochSecond();
        for (Map.Entry<String, String> e : refused.entrySet()) {
            Map<String, String> info = parse(e.getValue());
            long since = parseLong(info.get("since"));
            long age = since > 0 ? now - since : -1;
            sb.append("\n- ").append(e.getKey()).append(": locked by ").append(info.getOrDefault("user", "?"))
              .append(" from ").append(info.getOrDefault("host", "?"))
              .append(since > 0 ? " since " + Instant.ofEpochSecond(since) + " (" + age + " s ago)" : "")
              .append(age > ttlSeconds ? " — STALE (older than lock_ttl " + ttlSeconds + " s)" : "");
        }
        sb.append("\nWait for that deploy to finish. If it is dead, break the lock with `capstan STAGE deploy:unlock`"
                + " or deploy with --force-unlock (force_unlock=true).");
        return sb.toString();
    }

    /**
     * The holder's description when the lock was taken by a capstan process on this machine that no longer
     * runs (e.g. a run whose host died before it could release the lock there), else null. A lock from
     * another machine, or without a pid, is never taken over: only its owner or deploy:unlock may break it.
     */
    static String deadLocalHolder(Map<String, String> i) {
        long pid = parseLong(i.get("pid"));
        if (pid <= 0 || i.get("token") == null || !localHost().equals(i.get("host"))) return null;
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return null;
        return "pid " + pid + " of " + i.getOrDefault("user", "?") + ", gone";
    }

    private static Map<String, String> parse(String info) {
        Map<String, String> out = new ConcurrentHashMap<>();
        for (String part : info.strip().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) out.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return out;
    }

    private static long parseLong(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static synchronized String token(Configuration c) {
        Object t = c.fetch(TOKEN);
        if (t != null) return String.valueOf(t);
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        c.set(TOKEN, token);
        return token;
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
