package dev.capstan.deploy;

import dev.capstan.task.TaskContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a run learned and did so far: which steps an earlier command did ({@link Chain}), and per-host values a
 * step left for a later one. Kept in the run's configuration under internal names.
 */
final class RunState {
    private static final String DONE = "capstan_folded_steps";

    private RunState() {}

    /** A new deploy or rollback starts from nothing (a process may run several, e.g. in tests). */
    static void reset(TaskContext ctx) {
        for (String k : ctx.config().keys()) if (k.startsWith("capstan_folded_")) ctx.config().delete(k);
    }

    /** True while {@code flow} ({@code deploy} or {@code deploy:rollback}) runs. */
    static boolean inFlow(TaskContext ctx, String flow) {
        return ctx.config().fetchBoolean(flow.equals("deploy") ? "deploying" : "rolling_back", false);
    }

    static void markDone(TaskContext ctx, String task, String by) {
        done(ctx).put(task, by);
    }

    /** True (and logged) when another step already did this one's work in this run. */
    static boolean alreadyDone(TaskContext ctx, String task) {
        String by = done(ctx).get(task);
        if (by == null) return false;
        ctx.debug(task + ": done by " + by + " (same command, one round trip less)");
        return true;
    }

    /** A per-host value a step left for a later one. */
    @SuppressWarnings("unchecked")
    static Map<String, String> perHost(TaskContext ctx, String name) {
        synchronized (ctx.config()) {
            Object v = ctx.config().fetch("capstan_folded_" + name);
            if (v instanceof Map<?, ?> m) return (Map<String, String>) m;
            Map<String, String> fresh = new ConcurrentHashMap<>();
            ctx.config().set("capstan_folded_" + name, fresh);
            return fresh;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> done(TaskContext ctx) {
        synchronized (ctx.config()) {
            Object v = ctx.config().fetch(DONE);
            if (v instanceof Map<?, ?> m) return (Map<String, String>) m;
            Map<String, String> fresh = new ConcurrentHashMap<>();
            ctx.config().set(DONE, fresh);
            return fresh;
        }
    }
}
