package dev.capstan.deploy.service;

import dev.capstan.deploy.PublishWaves;
import dev.capstan.remote.Host;
import dev.capstan.task.TaskContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services' restart groups ({@link Rollout}) as waves: before each, {@code restart_wait} (from the second on) and
 * {@code service:before_restart}; after each group's switch, the restart of its services, verified, then
 * {@code service:after_restart}. A deploy switches {@code current} wave by wave with it ({@link PublishWaves});
 * {@code service:restart} alone runs the same groups without switching.
 */
final class ServiceRollout implements PublishWaves {
    static final String RESTART_HOSTS = "restart_hosts";

    private final TaskContext ctx;
    private final List<ServiceSpec> specs;
    private final Map<Host, List<ServiceSpec>> all;
    private final List<List<Host>> groups;

    ServiceRollout(TaskContext ctx) {
        this.ctx = ctx;
        this.specs = ServiceSpec.all(ctx.config());
        this.all = ServiceHosts.of(ctx, specs);
        var c = ctx.config();
        this.groups = Rollout.groups(new ArrayList<>(all.keySet()), String.valueOf(c.fetch("restart_in", "parallel")),
                c.fetch("restart_limit"), c.fetchInt("restart_canary", 0));
    }

    boolean isEmpty() { return groups.isEmpty(); }

    @Override
    public List<List<Host>> waves() { return groups; }

    @Override
    public void beforeSwitch(int i) {
        int wait = ctx.config().fetchInt("restart_wait", 0);
        if (i > 0 && wait > 0 && !waited(wait)) return;
        ctx.config().set(RESTART_HOSTS, labels(groups.get(i)));
        groupHook("service:before_restart");
    }

    /** Waits {@code restart_wait} seconds between groups; false when the run was stopped meanwhile (the caller stops there). */
    private boolean waited(int seconds) {
        ctx.info("waiting " + seconds + "s before restarting the next group (restart_wait)");
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (ctx.runner().coordinator().stopped()) return false;
            try {
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void afterSwitch(int i) {
        List<Host> group = groups.get(i);
        ServiceActions restart = new ServiceActions();
        ctx.info("restarting services on " + String.join(", ", labels(group)) + (groups.size() > 1 ? " (group " + (i + 1) + " of " + groups.size() + ")" : ""));
        restart.run(ctx, servicesOf(group), "restart", ServiceScripts::restart);
        if (!restart.errors.isEmpty()) {
            StringBuilder why = new StringBuilder("restart not verified on " + String.join(", ", restart.errors.keySet()) + ":");
            restart.errors.forEach((h, e) -> why.append("\n  ").append(h).append(": ").append(e));
            int skipped = groups.size() - i - 1;
            if (skipped > 0) why.append("\nthe rollout stopped: ").append(skipped).append(" group(s) not restarted");
            throw new ServiceRestartException(why.toString());
        }
        groupHook("service:after_restart");
        if (i == groups.size() - 1) ctx.config().delete(RESTART_HOSTS);
    }

    /**
     * Runs a group hook point with the tasks hooked on it again: a hook runs once per run (Capistrano's rule), but
     * these points are there for work done around each group, such as draining and re-enabling a load balancer.
     */
    private void groupHook(String point) {
        var task = ctx.runner().registry().require(point);
        task.prerequisites().forEach(ctx.runner()::reenable);
        task.afterHooks().forEach(ctx.runner()::reenable);
        ctx.invokeAgain(point);
    }

    @Override
    public boolean rollBackOnFailure() {
        return ctx.config().fetchBoolean("rollback_on_failure", false);
    }

    @Override
    public String switchedBack(List<Host> hosts) {
        ServiceActions again = new ServiceActions();
        again.run(ctx, servicesOf(hosts), "restart", ServiceScripts::restart);
        if (!again.errors.isEmpty()) {
            return "restarting there was not verified on " + String.join(", ", again.errors.keySet()) + ": " + again.errors.values().iterator().next();
        }
        return "the services restarted there are verified again";
    }

    @Override
    public String fleetState() {
        return FleetState.table(ctx, all, specs);
    }

    private Map<Host, List<ServiceSpec>> servicesOf(List<Host> hosts) {
        Map<Host, List<ServiceSpec>> out = new LinkedHashMap<>();
        for (Host h : hosts) if (all.containsKey(h)) out.put(h, all.get(h));
        return out;
    }

    private static List<String> labels(List<Host> hosts) {
        return hosts.stream().map(Host::label).toList();
    }
}
