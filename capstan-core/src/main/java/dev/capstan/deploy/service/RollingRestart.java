package dev.capstan.deploy.service;

import dev.capstan.remote.Host;
import dev.capstan.task.TaskContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * service:restart: every service restarted group by group ({@link Rollout}), {@code service:before_restart} and
 * {@code service:after_restart} around each group (with {@code restart_hosts} naming it), {@code restart_wait}
 * seconds between groups. A host whose restart is not verified stops the rollout before the next group; with
 * {@code rollback_on_failure} the whole fleet goes back to the previous release ({@link FleetRevert}).
 */
final class RollingRestart {
    static final String RESTART_HOSTS = "restart_hosts";

    private RollingRestart() {}

    static void run(TaskContext ctx) throws InterruptedException {
        List<ServiceSpec> specs = ServiceSpec.all(ctx.config());
        Map<Host, List<ServiceSpec>> all = ServiceHosts.of(ctx, specs);
        if (all.isEmpty()) return;
        var c = ctx.config();
        List<List<Host>> groups = Rollout.groups(new ArrayList<>(all.keySet()), String.valueOf(c.fetch("restart_in", "parallel")),
                c.fetch("restart_limit"), c.fetchInt("restart_canary", 0));
        int wait = c.fetchInt("restart_wait", 0);
        Map<Host, List<ServiceSpec>> reached = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            List<Host> group = groups.get(i);
            if (i > 0 && wait > 0) {
                ctx.info("waiting " + wait + "s before restarting the next group (restart_wait)");
                Thread.sleep(wait * 1000L);
            }
            ctx.runner().coordinator().checkStopped("before restarting " + labels(group));
            c.set(RESTART_HOSTS, labels(group));
            ctx.invokeAgain("service:before_restart");
            Map<Host, List<ServiceSpec>> these = new LinkedHashMap<>();
            group.forEach(h -> these.put(h, all.get(h)));
            reached.putAll(these);
            ServiceActions restart = new ServiceActions();
            ctx.info("restarting services on " + String.join(", ", labels(group)) + (groups.size() > 1 ? " (group " + (i + 1) + " of " + groups.size() + ")" : ""));
            restart.run(ctx, these, "restart", ServiceScripts::restart);
            if (!restart.errors.isEmpty()) failed(ctx, all, reached, specs, restart.errors, groups.size() - i - 1);
            ctx.invokeAgain("service:after_restart");
        }
        c.delete(RESTART_HOSTS);
    }

    private static void failed(TaskContext ctx, Map<Host, List<ServiceSpec>> all, Map<Host, List<ServiceSpec>> reached,
                               List<ServiceSpec> specs, Map<String, String> errors, int skipped) {
        StringBuilder why = new StringBuilder("restart not verified on " + String.join(", ", errors.keySet()) + ":");
        errors.forEach((h, e) -> why.append("\n  ").append(h).append(": ").append(e));
        why.append(skipped > 0 ? "\nthe rollout stopped: " + skipped + " group(s) not restarted" : "");
        boolean rollback = ctx.config().fetchBoolean("rollback_on_failure", false) && !dev.capstan.deploy.DeployRun.of(ctx).rollingBack();
        if (rollback) {
            ctx.warn(why + "\nrolling back every host to the previous release (rollback_on_failure)");
            String outcome = FleetRevert.run(ctx, reached);
            why.append("\n").append(outcome);
        }
        String table = FleetState.table(ctx, all, specs);
        // the failure summary names the hosts; the table says where every host and service is now
        ctx.error((rollback ? why.substring(why.lastIndexOf("\n") + 1) : "the services are now:") + "\n" + table);
        throw new ServiceRestartException(why + "\n" + table);
    }

    private static List<String> labels(List<Host> hosts) {
        return hosts.stream().map(Host::label).toList();
    }
}
