package dev.capstan.deploy;

import dev.capstan.remote.Host;
import dev.capstan.task.TaskContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishing wave by wave ({@link PublishWaves}): a wave switches (all its hosts or none, as any publish), then its
 * work runs (a verified restart) before the next wave switches. A wave that fails, or an interrupt, stops the
 * rollout there: the hosts not reached never switch; with {@code rollBackOnFailure} (and always when a switch
 * itself failed) the hosts already switched go back to the release they had and their work is done again there.
 */
final class WavePublish {
    private final TaskContext ctx;
    private final FleetSwitch fleet;
    private final PublishWaves waves;
    private final List<Host> switched = new ArrayList<>();
    private final List<Host> reached = new ArrayList<>();
    private final List<Host> failed = new ArrayList<>();

    WavePublish(TaskContext ctx, FleetSwitch fleet, PublishWaves waves) {
        this.ctx = ctx;
        this.fleet = fleet;
        this.waves = waves;
    }

    void publish(List<Host> releaseHosts) {
        List<List<Host>> plan = waves.waves();
        List<List<Host>> switches = switches(plan, releaseHosts);
        for (int i = 0; i < plan.size(); i++) {
            stopIfInterrupted(i, plan.size(), releaseHosts);
            try {
                waves.beforeSwitch(i);
            } catch (RuntimeException e) {
                stop(e, message(e), waves.rollBackOnFailure(), releaseHosts);
            }
            stopIfInterrupted(i, plan.size(), releaseHosts); // a stop during the wait between waves
            failed.addAll(fleet.switchTo(switches.get(i)));
            switched.addAll(FleetSwitch.without(switches.get(i), failed));
            if (!failed.isEmpty()) {
                // publishing's own rule: all or none, so what switched goes back whatever rollback_on_failure says
                stop(null, "could not publish on " + FleetSwitch.labels(failed) + ":\n" + PublishTask.table(fleet, failed), true, releaseHosts);
            }
            reached.addAll(plan.get(i));
            try {
                waves.afterSwitch(i);
            } catch (RuntimeException e) {
                stop(e, message(e), waves.rollBackOnFailure(), releaseHosts);
            }
        }
        DeployRun.of(ctx).published(fleet.names());
        DeployRun.of(ctx).publishedInWaves(true);
    }

    /** An interrupt (publishing holds it back, so nothing running was ended) stops the rollout before the next wave switches. */
    private void stopIfInterrupted(int i, int count, List<Host> releaseHosts) {
        if (i > 0 && ctx.runner().coordinator().stopped()) {
            stop(null, "the run was interrupted: the rollout stopped before wave " + (i + 1) + " of " + count, waves.rollBackOnFailure(), releaseHosts);
        }
    }

    /** The release hosts each wave switches: those in it, and with the last wave every release host in none. */
    private static List<List<Host>> switches(List<List<Host>> plan, List<Host> releaseHosts) {
        List<List<Host>> out = new ArrayList<>();
        for (List<Host> wave : plan) out.add(new ArrayList<>(releaseHosts.stream().filter(wave::contains).toList()));
        releaseHosts.stream().filter(h -> plan.stream().noneMatch(w -> w.contains(h))).forEach(out.get(out.size() - 1)::add);
        return out;
    }

    private void stop(RuntimeException cause, String why, boolean goBack, List<Host> releaseHosts) {
        StringBuilder m = new StringBuilder(why);
        List<Host> notReached = FleetSwitch.without(FleetSwitch.without(releaseHosts, switched), failed);
        if (switched.isEmpty()) {
            m.append("\nno host was switched");
        } else if (goBack) {
            List<Host> stillNew = fleet.switchBack(switched);
            List<Host> back = FleetSwitch.without(switched, stillNew);
            List<Host> again = FleetSwitch.without(reached, stillNew).stream().filter(h -> fleet.hadRelease(h.label())).toList();
            m.append(stillNew.isEmpty() ? "\nevery host is back on the previous release" : "\ncould not switch " + FleetSwitch.labels(stillNew)
                    + " back, the fleet is MIXED: they serve the new release (logged in revisions.log)");
            List<Host> firstDeploy = back.stream().filter(h -> !fleet.hadRelease(h.label())).toList();
            if (!firstDeploy.isEmpty()) m.append("; ").append(FleetSwitch.labels(firstDeploy)).append(" had no release before: current removed");
            if (!again.isEmpty()) m.append("; ").append(waves.switchedBack(again));
        } else {
            fleet.logLive(switched);
            m.append("\nthe new release stays live on ").append(FleetSwitch.labels(switched)).append(" (rollback_on_failure is off; logged in revisions.log)");
        }
        if (!notReached.isEmpty()) m.append("\nnot reached, never switched: ").append(FleetSwitch.labels(notReached));
        m.append("\n").append(waves.fleetState());
        throw new RolloutFailedException(m.toString(), cause);
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().strip();
    }
}
