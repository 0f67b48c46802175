package dev.capstan.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one concurrency case: a deploy pauses in a pre-publish hook (waiting for a local file), a second Capstan runs
 * a host-changing task on its own, then the deploy goes on. The second run must either be refused, saying who holds
 * the lock and how to break it, or do no harm: every current complete while the deploy waits and after it.
 */
final class ConcurrentCaseRunner {
    private ConcurrentCaseRunner() {}

    static CaseResult run(FaultLane lane, FaultCase c) throws Exception {
        long t0 = System.nanoTime();
        StringBuilder log = new StringBuilder("case " + c.id() + "\n");
        lane.awaitNewReleaseName();
        lane.newRevision(c.id());
        Files.deleteIfExists(lane.paused);
        Files.deleteIfExists(lane.go);
        Path stderr = Files.createTempFile(lane.fleet.root, "fault-", ".err");
        WatchedRun deploy = WatchedRun.start(lane.fleet, lane.pausing, stderr, null, "e2e", "deploy");
        List<CaseCheck> checks = new ArrayList<>();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(lane.paused) && deploy.process.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
        boolean paused = Files.exists(lane.paused);
        checks.add(CaseCheck.of("deploy paused", paused, paused ? "before deploy:publishing" : "the deploy never reached the pause"));
        Shell.Result second = lane.capstan("e2e", c.task());
        log.append("--- beside the paused deploy: capstan e2e ").append(c.task()).append(" (exit ").append(second.status()).append(")\n")
                .append(second.out());
        checks.add(FleetInvariants.currentComplete("current complete after " + c.task(), lane.read()));
        boolean refused = second.status() != 0 && FleetInvariants.refusedByLock(second.out());
        if (refused) {
            boolean explained = FleetInvariants.explainsLock(second.out());
            checks.add(CaseCheck.of("refusal explained", explained, explained ? "refused: the deploy holds the lock (holder and unlock named)"
                    : "refused without naming the holder and how to unlock: " + FleetInvariants.tail(second.out(), 2)));
        }
        Files.writeString(lane.go, "go");
        int exit = deploy.await(90);
        log.append("\n--- the deploy (exit ").append(exit).append(")\n").append(String.join("\n", deploy.lines())).append('\n')
                .append(Files.readString(stderr));
        List<ReleaseOnDisk> after = lane.read();
        checks.add(FleetInvariants.currentComplete("current complete", after));
        boolean one = FleetInvariants.oneRelease(after);
        boolean said = !one && FleetInvariants.saysMixed(deploy.messages(), after, lane.fleet.hosts);
        checks.add(CaseCheck.of("one release", one || said, one ? "all on " + after.get(0).current()
                : FleetInvariants.where(after) + (said ? ", and the deploy said so" : ", and the deploy did not say so")));
        checks.addAll(RerunCheck.run(lane, after, log));
        Files.writeString(FaultLane.artifacts().resolve(c.id().replaceAll("[^A-Za-z0-9_.-]+", "_") + ".log"), log);
        Files.deleteIfExists(stderr);
        String what = "second run exit " + second.status() + (refused ? " (refused by the lock)" : "") + ", deploy exit " + exit;
        return new CaseResult(c, exit, checks, what, (System.nanoTime() - t0) / 1e9);
    }
}
