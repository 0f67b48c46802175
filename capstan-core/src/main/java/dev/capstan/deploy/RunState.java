package dev.capstan.deploy;

import dev.capstan.task.TaskContext;

import java.util.Map;

/** The run's folded steps and per-host values ({@link DeployRun}), as the chains and tasks use them. */
final class RunState {
    private RunState() {}

    /** True while {@code flow} ({@code deploy} or {@code deploy:rollback}) runs. */
    static boolean inFlow(TaskContext ctx, String flow) {
        DeployRun run = DeployRun.of(ctx);
        return flow.equals("deploy") ? run.deploying() : run.rollingBack();
    }

    static void markDone(TaskContext ctx, String task, String by) {
        DeployRun.of(ctx).done().put(task, by);
    }

    /** True (and logged) when another step already did this one's work in this run. */
    static boolean alreadyDone(TaskContext ctx, String task) {
        String by = DeployRun.of(ctx).done().get(task);
        if (by == null) return false;
        ctx.debug(task + ": done by " + by + " (same command, one round trip less)");
        return true;
    }

    /** A per-host value a step left for a later one. */
    static Map<String, String> perHost(TaskContext ctx, String name) {
        return DeployRun.of(ctx).perHost(name);
    }
}
