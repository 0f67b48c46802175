package dev.capstan.deploy;

import dev.capstan.task.Task;
import dev.capstan.task.TaskContext;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fewer round trips without changing what hooks see: a step may be done by an earlier step's command on
 * the same host only when nobody hooked onto it or extended it (it has exactly its own prerequisites and
 * action). The folded task still runs, finds its work done, and says so in the log.
 */
public final class Folding {
    private static final String DONE = "capstan_folded_steps";

    private Folding() {}

    /** True when {@code task} has only its own prerequisites and action, and no after-hooks. */
    public static boolean untouched(TaskContext ctx, String task, List<String> ownPrerequisites) {
        Task t = ctx.runner().registry().find(task).orElse(null);
        return t != null && t.prerequisites().equals(ownPrerequisites) && t.afterHooks().isEmpty() && t.actions().size() == 1;
    }

    public static boolean untouched(TaskContext ctx, String... tasks) {
        for (String t : tasks) if (!untouched(ctx, t, List.of())) return false;
        return true;
    }

    public static void markDone(TaskContext ctx, String task, String by) {
        done(ctx).put(task, by);
    }

    /** True (and logged) when another step already did this one's work in this run. */
    public static boolean alreadyDone(TaskContext ctx, String task) {
        String by = done(ctx).get(task);
        if (by == null) return false;
        ctx.debug(task + ": done by " + by + " (same command, one round trip less)");
        return true;
    }

    /** True when nothing runs right after {@code task} (it may have prerequisites and several actions). */
    public static boolean noAfterHooks(TaskContext ctx, String task) {
        Task t = ctx.runner().registry().find(task).orElse(null);
        return t != null && t.afterHooks().isEmpty();
    }

    /** A per-host value a folded step left for the step it did the work of. */
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
