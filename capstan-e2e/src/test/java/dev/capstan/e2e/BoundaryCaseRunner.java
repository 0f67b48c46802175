package dev.capstan.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs one boundary case: a deploy (of a new revision) or a rollback with {@code --format json}; when the event of
 * the boundary's task arrives, the fault strikes (kill -9, SIGTERM, or one host's sshd tree killed); then the lost
 * host comes back, the invariants are read from every host's disk, and a plain deploy reruns.
 */
final class BoundaryCaseRunner {
    /**
     * The time a JVM may take to run a signal handler (on a thread of its own, which a loaded machine schedules late:
     * 19 ms seen at load 24 on 2 cores): a SIGTERM sent less than this before deploy:publishing started counts as one
     * that arrived during publishing.
     */
    static final Duration SIGNAL_GRACE = Duration.ofMillis(100);

    private BoundaryCaseRunner() {}

    static CaseResult run(FaultLane lane, FaultCase c) throws Exception {
        long t0 = System.nanoTime();
        StringBuilder log = new StringBuilder("case " + c.id() + "\n");
        FleetHost victim = lane.fleet.hosts.get(1);
        boolean deploy = c.flow().equals("deploy");
        if (deploy) {
            lane.awaitNewReleaseName();
            lane.newRevision(c.id());
        }
        List<ReleaseOnDisk> before = lane.read();
        log.append(String.format("[%.2f s] start%n", (System.nanoTime() - t0) / 1e9));
        Path stderr = Files.createTempFile(lane.fleet.root, "fault-", ".err");
        WatchedRun run = WatchedRun.start(lane.fleet, lane.project, stderr, new WatchedRun.Trigger(c.task(), c.occurrence(), p -> {
            // through the ProcessHandle: Process.destroy() would also close our end of its stdout, losing the events after it
            if (c.fault() == Fault.KILL_9) p.toHandle().destroyForcibly();
            else if (c.fault() == Fault.SIGTERM) p.toHandle().destroy();
            else lane.fleet.crash(victim);
        }), "e2e", deploy ? "deploy" : "deploy:rollback");
        int exit = run.await(90);
        log.append(String.format("[%.2f s] exited%n", (System.nanoTime() - t0) / 1e9));
        if (c.fault() == Fault.LOST_HOST) lane.fleet.restart(victim);
        log.append("--- faulted run (exit ").append(exit).append(")\n").append(String.join("\n", run.lines())).append('\n')
                .append(Files.readString(stderr));
        List<ReleaseOnDisk> after = lane.read();
        List<CaseCheck> checks = new ArrayList<>();
        checks.add(CaseCheck.of("boundary reached", run.fired(), run.fired() ? c.task() : "the run never started " + c.task()));
        checks.add(FleetInvariants.currentComplete("current complete", after));
        checks.add(oneRelease(lane, c, run, after, log));
        // judged by where the fault landed: under load the run may be a few folded steps past the event by then
        boolean beforePublishing = run.fired() && !run.startedBeforeFault("deploy:publishing", c.fault() == Fault.SIGTERM ? SIGNAL_GRACE : Duration.ZERO);
        if (beforePublishing && c.fault() != Fault.LOST_HOST) checks.add(unchanged(before, after, run.millisAfterFault("deploy:publishing")));
        if (c.fault() == Fault.SIGTERM) checks.add(interrupt(beforePublishing, exit, after));
        String landed = run.fired() ? run.landedAfter() : null;
        String note = landed == null || landed.equals(c.task()) ? "" : "landed after " + landed;
        log.append(String.format("[%.2f s] checked%n", (System.nanoTime() - t0) / 1e9));
        checks.addAll(RerunCheck.run(lane, after, log));
        log.append(String.format("[%.2f s] rerun done%n", (System.nanoTime() - t0) / 1e9));
        Files.writeString(FaultLane.artifacts().resolve(c.id().replaceAll("[^A-Za-z0-9_.-]+", "_") + ".log"), log);
        Files.deleteIfExists(stderr);
        return new CaseResult(c, exit, checks, note, (System.nanoTime() - t0) / 1e9);
    }

    /** One release everywhere, or the run said it is not (after kill -9 nothing can: then deploy:status must). */
    private static CaseCheck oneRelease(FaultLane lane, FaultCase c, WatchedRun run, List<ReleaseOnDisk> after, StringBuilder log) throws Exception {
        if (FleetInvariants.oneRelease(after)) return CaseCheck.of("one release", true, "all on " + after.get(0).current());
        String where = FleetInvariants.where(after);
        if (c.fault() != Fault.KILL_9) {
            boolean said = FleetInvariants.saysMixed(run.messages(), after, lane.fleet.hosts);
            return CaseCheck.of("one release", said, where + (said ? ", and the run said so" : ", and the run did not say so"));
        }
        Shell.Result status = lane.capstan("e2e", "deploy:status");
        log.append("\n--- deploy:status (exit ").append(status.status()).append(")\n").append(status.out());
        boolean said = FleetInvariants.saysMixed(List.of(status.out()), after, lane.fleet.hosts);
        return CaseCheck.of("one release", said, where + (said ? ", and deploy:status says so" : ", and deploy:status does not say so"));
    }

    /** A fault before publishing leaves every current as it was. */
    private static CaseCheck unchanged(List<ReleaseOnDisk> before, List<ReleaseOnDisk> after, long publishingAfterMillis) {
        List<String> moved = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!Objects.equals(before.get(i).current(), after.get(i).current())) {
                moved.add(after.get(i).host() + " " + before.get(i).current() + " -> " + after.get(i).current());
            }
        }
        String when = publishingAfterMillis >= 0 ? " (deploy:publishing started " + publishingAfterMillis + " ms after the fault)" : "";
        return CaseCheck.of("unchanged before publishing", moved.isEmpty(), moved.isEmpty() ? "no host switched" : "switched: " + String.join(", ", moved) + when);
    }

    /**
     * SIGTERM stops the run: before publishing it exits non-zero (nothing published); at any point the run, still
     * alive to do so, releases its lock (issue 13 #6).
     */
    private static CaseCheck interrupt(boolean beforePublishing, int exit, List<ReleaseOnDisk> after) {
        List<String> locks = FleetInvariants.locked(after);
        if (exit == -1) return CaseCheck.of("interrupt stops", false, "still running 90 s after SIGTERM");
        if (beforePublishing && exit == 0) return CaseCheck.of("interrupt stops", false, "exit 0: the run went on to the end");
        if (!locks.isEmpty()) return CaseCheck.of("interrupt stops", false, "exit " + exit + ", its lock left on " + locks);
        return CaseCheck.of("interrupt stops", true, "exit " + exit + ", lock released");
    }
}
