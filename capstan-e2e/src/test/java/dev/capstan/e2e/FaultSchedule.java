package dev.capstan.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the cases: those that touch only their own application side by side, one lane each; then the lost-host cases
 * one at a time (a lost sshd takes every lane's sessions on that host with it). Results come back in case order.
 */
final class FaultSchedule {
    private FaultSchedule() {}

    static List<CaseResult> run(List<FaultLane> lanes, List<FaultCase> cases) throws Exception {
        Map<FaultCase, CaseResult> results = new ConcurrentHashMap<>();
        Queue<FaultCase> sideBySide = new ConcurrentLinkedQueue<>(cases.stream().filter(c -> c.fault() != Fault.LOST_HOST).toList());
        ExecutorService pool = Executors.newFixedThreadPool(lanes.size());
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (FaultLane lane : lanes) workers.add(pool.submit(() -> drain(lane, sideBySide, results)));
            for (Future<?> w : workers) w.get();
        } finally {
            pool.shutdownNow();
        }
        drain(lanes.get(0), new ConcurrentLinkedQueue<>(cases.stream().filter(c -> c.fault() == Fault.LOST_HOST).toList()), results);
        List<CaseResult> ordered = new ArrayList<>(results.values());
        ordered.sort(Comparator.comparingInt(r -> cases.indexOf(r.c())));
        return ordered;
    }

    private static Void drain(FaultLane lane, Queue<FaultCase> queue, Map<FaultCase, CaseResult> results) throws Exception {
        for (FaultCase c; (c = queue.poll()) != null; ) {
            CaseResult r;
            try {
                r = c.fault() == Fault.CONCURRENT ? ConcurrentCaseRunner.run(lane, c) : BoundaryCaseRunner.run(lane, c);
            } catch (Exception | AssertionError e) {
                // the harness itself could not finish the case: a failure of the case, then a clean slate
                r = new CaseResult(c, -1, List.of(CaseCheck.of("case ran", false, String.valueOf(e))), "", 0);
                lane.reset();
            }
            results.put(c, r);
            if (!r.passed()) System.out.println("[faults] " + c.id() + " FAILED: " + r.failed().get(0).name() + ": " + r.failed().get(0).seen());
        }
        return null;
    }
}
