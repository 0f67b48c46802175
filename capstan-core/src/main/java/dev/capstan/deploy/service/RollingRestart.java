package dev.capstan.deploy.service;

import dev.capstan.deploy.DeployRun;
import dev.capstan.task.TaskContext;

/**
 * service:restart: every service restarted group by group ({@link ServiceRollout}). In a deploy the groups were
 * restarted as {@code current} switched, wave by wave, so there is nothing left to do; on its own and after a
 * rollback's switch, a host whose restart is not verified stops the rollout before the next group.
 */
final class RollingRestart {
    private RollingRestart() {}

    static void run(TaskContext ctx) {
        if (DeployRun.of(ctx).publishedInWaves()) {
            ctx.info("services restarted and verified group by group while publishing");
            return;
        }
        ServiceRollout rollout = new ServiceRollout(ctx);
        for (int i = 0; i < rollout.waves().size(); i++) {
            if (i > 0) ctx.runner().coordinator().checkStopped("before restarting group " + (i + 1));
            rollout.beforeSwitch(i);
            if (i > 0) ctx.runner().coordinator().checkStopped("before restarting group " + (i + 1));
            try {
                rollout.afterSwitch(i);
            } catch (ServiceRestartException e) {
                throw new ServiceRestartException(e.getMessage() + "\nthe services are now:\n" + rollout.fleetState());
            }
        }
    }

    /** service:plan_rollout, before deploy:publishing: a deploy switches current group by group with the restarts. */
    static void plan(TaskContext ctx) {
        if (!DeployRun.of(ctx).deploying()) return;
        ServiceRollout rollout = new ServiceRollout(ctx);
        if (!rollout.isEmpty()) DeployRun.of(ctx).publishInWaves(rollout);
    }
}
