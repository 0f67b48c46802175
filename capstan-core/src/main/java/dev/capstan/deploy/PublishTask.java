package dev.capstan.deploy;

import dev.capstan.remote.Host;
import dev.capstan.task.TaskContext;
import dev.capstan.task.TaskRegistry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deploy:symlink:release, the one step where hosts change what they serve. Every host switches, or none
 * does: a host that fails to switch is tried once more; if it still cannot, the hosts that switched are
 * switched back to the release they had, and the error ends with a hosts × release table. A deploy whose
 * plugin gave it {@link PublishWaves} switches wave by wave instead ({@link WavePublish}).
 */
final class PublishTask {
    private PublishTask() {}

    static void define(TaskRegistry t) {
        t.define("deploy:symlink:release", "Symlink release to current", ctx -> {
            DeployPaths p = new DeployPaths(ctx);
            List<Host> hosts = ctx.config().filters().apply(List.copyOf(Hosts.release(ctx)));
            Map<String, String> releases = new LinkedHashMap<>();
            for (Host h : hosts) {
                String release = p.releaseToPublish(h);
                if (release == null) {
                    throw new IllegalStateException("no release of this run to publish on " + h.label()
                            + " (deploy:symlink:release switches to the release `deploy` or `deploy:rollback` prepared); current left as it is");
                }
                releases.put(h.label(), release);
            }
            FleetSwitch fleet = new FleetSwitch(ctx, p, releases);
            PublishWaves waves = DeployRun.of(ctx).deploying() ? DeployRun.of(ctx).waves() : null;
            LockTasks.holding(ctx, () -> {
                if (waves == null) publish(ctx, fleet, hosts);
                else new WavePublish(ctx, fleet, waves).publish(hosts);
            });
        });
    }

    private static void publish(TaskContext ctx, FleetSwitch fleet, List<Host> hosts) {
        List<Host> failed = fleet.switchTo(hosts);
        if (failed.isEmpty()) {
            DeployRun.of(ctx).published(fleet.names());
            return;
        }
        List<Host> switched = FleetSwitch.without(hosts, failed);
        List<Host> stillNew = fleet.switchBack(switched);
        boolean rollingBack = DeployRun.of(ctx).rollingBack();
        String failure = "could not " + (rollingBack ? "roll back" : "publish") + " on " + FleetSwitch.labels(failed);
        String head = switched.isEmpty() ? failure + ": no host was switched"
                : stillNew.isEmpty() ? failure + ", so every host was switched back to the release it had"
                : failure + " and could not switch " + FleetSwitch.labels(stillNew) + " back: the fleet is MIXED";
        throw new PublishFailedException(head + "\n" + table(fleet, hosts)
                + "\nFix the host(s) and run `capstan " + stage(ctx) + (rollingBack ? " deploy:rollback" : " deploy") + "` again"
                + " (deploy:status shows every host's release).");
    }

    /** HOST / CURRENT / STATE after a failed switch: not switched, switched back, or stuck on the new release. */
    static String table(FleetSwitch fleet, List<Host> hosts) {
        FleetTable table = new FleetTable();
        Map<String, String> names = fleet.names();
        for (Host h : hosts) {
            String l = h.label();
            if (fleet.errors.containsKey(l)) table.row(l, fleet.before(l), "not switched: " + fleet.errors.get(l));
            else if (fleet.revertErrors.containsKey(l)) table.row(l, names.get(l), "switched; switching back failed: " + fleet.revertErrors.get(l));
            else table.row(l, fleet.before(l), "switched back");
        }
        return table.render("HOST", "CURRENT", "STATE");
    }

    static String stage(TaskContext ctx) {
        String s = ctx.config().fetchString("stage");
        return s == null || s.isBlank() ? "STAGE" : s;
    }
}
