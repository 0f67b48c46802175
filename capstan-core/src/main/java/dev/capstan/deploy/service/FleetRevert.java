package dev.capstan.deploy.service;

import dev.capstan.remote.Host;
import dev.capstan.task.TaskContext;

import java.util.List;
import java.util.Map;

/**
 * The automatic rollback after a failed restart: the deploy recipe's own rollback chooses the one release the whole
 * fleet goes back to ({@code deploy:rollback_release_path}) and switches every host to it ({@code deploy:symlink:release},
 * all or none); then the services of the hosts already restarted are restarted on it and health-checked again. The
 * hosts not reached were never restarted, so their processes never left the previous release.
 */
final class FleetRevert {
    private FleetRevert() {}

    /** Rolls back and restarts {@code reached}; returns one line saying how it went. */
    static String run(TaskContext ctx, Map<Host, List<ServiceSpec>> reached) {
        try {
            ctx.invokeAgain("deploy:rollback_release_path");
            // puts the run in the rollback flow (its prerequisite, the target, was just chosen), so the switch goes back
            ctx.invokeAgain("deploy:revert_release");
            ctx.invokeAgain("deploy:symlink:release");
        } catch (RuntimeException e) {
            return "the automatic rollback FAILED, the fleet may be on the new release: " + ServiceActions.lastLine(e);
        }
        ServiceActions again = new ServiceActions();
        again.run(ctx, reached, "restart", ServiceScripts::restart);
        if (!again.errors.isEmpty()) {
            return "every host is back on the previous release, but restarting there was not verified on "
                    + String.join(", ", again.errors.keySet()) + ": " + again.errors.values().iterator().next();
        }
        return "every host is back on the previous release; the services restarted there are verified again";
    }
}
