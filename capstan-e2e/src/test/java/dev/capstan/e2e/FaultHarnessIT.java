package dev.capstan.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault harness (issue 13, docs/e2e.md): for every step boundary of a deploy and of a rollback — the tasks a run
 * of each actually starts, read from its JSON event stream — kill -9 Capstan there, SIGTERM it there, and lose one
 * host's sshd there; and run each host-changing task beside a deploy paused before publishing. After every case the
 * invariants are read from every host's disk. {@code -Dcapstan.faults.case=deploy:publishing/sigterm} runs one case;
 * {@code -Dcapstan.faults.lanes=N} sets how many applications take cases side by side (default 2).
 */
class FaultHarnessIT {
    /** Tasks a user runs on their own that change a host: each runs beside a paused deploy. */
    static final List<String> CONCURRENT = List.of("deploy:cleanup", "deploy:rollback", "deploy:symlink:release", "deploy:symlink:shared",
            "deploy:unlock", "deploy:cleanup_rollback");
    static final List<Fault> FAULTS = List.of(Fault.KILL_9, Fault.SIGTERM, Fault.LOST_HOST);

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void everyBoundaryOfDeployAndRollbackUnderEveryFault(TestReporter reporter) throws Exception {
        try (Fleet fleet = Fleet.startOrSkip(3)) {
            long t0 = System.nanoTime();
            ReleaseContent content = new ReleaseContent(fleet.work());
            List<FaultLane> lanes = new ArrayList<>();
            for (int i = 1; i <= Math.max(1, Integer.getInteger("capstan.faults.lanes", 2)); i++) lanes.add(new FaultLane(fleet, content, "faults-" + i));
            for (FaultLane l : lanes) l.reset();
            List<FaultCase> cases = new ArrayList<>();
            // a lost host at every boundary is -Dcapstan.faults.lost-host=all; by default one per remote block (see FlowBoundaries)
            List<Fault> spread = "all".equals(System.getProperty("capstan.faults.lost-host")) ? List.of() : List.of(Fault.LOST_HOST);
            WatchedRun deploy = discover(lanes.get(0), "deploy"), rollback = discover(lanes.get(0), "deploy:rollback");
            cases.addAll(FlowBoundaries.cases("deploy", deploy.tasksStarted(), deploy.nextBlocks(), FAULTS, spread));
            cases.addAll(FlowBoundaries.cases("rollback", rollback.tasksStarted(), rollback.nextBlocks(), FAULTS, spread));
            for (String task : CONCURRENT) cases.add(new FaultCase("concurrent", task, 1, Fault.CONCURRENT));
            String selection = System.getProperty("capstan.faults.case", "");
            List<FaultCase> selected = cases.stream().filter(c -> c.selectedBy(selection)).toList();
            assertThat(selected).as("-Dcapstan.faults.case=" + selection + " selects none of: " + cases.stream().map(FaultCase::id).toList()).isNotEmpty();

            try (var old = Files.list(FaultLane.artifacts())) {
                for (Path f : old.toList()) Files.delete(f); // a previous run's case logs would mislead
            }
            List<CaseResult> results = FaultSchedule.run(lanes, selected);
            String summary = FaultReport.summary(results) + String.format(" in %.0f s", (System.nanoTime() - t0) / 1e9);
            Path dir = FaultLane.artifacts();
            Files.writeString(dir.resolve("results.txt"), FaultReport.all(results));
            reporter.publishEntry(FleetSummary.FAULT_HARNESS, summary);
            System.out.println("[faults] " + summary + " (every case: " + dir.resolve("results.txt") + ", outputs: " + dir + "/CASE.log)");
            String failures = FaultReport.failures(results);
            if (results.stream().anyMatch(r -> !r.passed())) System.out.println(failures);
            assertThat(results.stream().filter(r -> !r.passed()).map(r -> r.c().id()).toList())
                    .as("fault cases that failed (rerun one with -Dcapstan.faults.case=CASE):%n%s", failures).isEmpty();
        }
    }

    /** A plain run of {@code task}: the tasks it starts, in order, are the flow as it runs (folded, no hook added). */
    private static WatchedRun discover(FaultLane lane, String task) throws Exception {
        lane.awaitNewReleaseName();
        Path err = Files.createTempFile(lane.fleet.root, "discover-", ".err");
        WatchedRun run = WatchedRun.start(lane.fleet, lane.project, err, null, "e2e", task);
        int exit = run.await(120);
        assertThat(exit).as("capstan e2e " + task + ": " + String.join("\n", run.lines()) + Files.readString(err)).isZero();
        List<String> tasks = run.tasksStarted();
        assertThat(tasks).as("task_started events of " + task).contains(task, "deploy:publishing");
        if (task.equals("deploy:rollback")) {
            lane.awaitNewReleaseName();
            Projects.succeeded(lane.capstan("e2e", "deploy"));
        }
        return run;
    }
}
