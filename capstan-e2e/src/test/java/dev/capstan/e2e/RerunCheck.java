package dev.capstan.e2e;

import java.util.List;

/**
 * How every case ends: a plain {@code deploy} must succeed and bring every host to one new, complete release with no
 * lock left; a lock the faulted run left behind must either not block it or be refused with its holder and the way to
 * break it. The rerun is also the reset for the next case; when it fails, the lane is reset the hard way.
 */
final class RerunCheck {
    private RerunCheck() {}

    static List<CaseCheck> run(FaultLane lane, List<ReleaseOnDisk> afterFault, StringBuilder log) throws Exception {
        lane.awaitNewReleaseName();
        long t0 = System.nanoTime();
        String head = lane.revision();
        log.append(String.format("[rerun +%.2f s] new second%n", (System.nanoTime() - t0) / 1e9));
        Shell.Result r = lane.capstan("e2e", "deploy");
        log.append("\n--- rerun: capstan e2e deploy (exit ").append(r.status()).append(")\n").append(r.out());
        List<ReleaseOnDisk> after = lane.read();
        List<String> leftLocks = FleetInvariants.locked(afterFault);
        CaseCheck lock;
        if (leftLocks.isEmpty()) lock = CaseCheck.of("lock", true, "no lock left");
        else if (r.status() == 0) lock = CaseCheck.of("lock", true, "left on " + leftLocks + ", did not block the rerun");
        else if (FleetInvariants.explainsLock(r.out())) lock = CaseCheck.of("lock", true, "left on " + leftLocks + ", the rerun was refused naming holder and unlock");
        else lock = CaseCheck.of("lock", !FleetInvariants.refusedByLock(r.out()),
                "left on " + leftLocks + (FleetInvariants.refusedByLock(r.out()) ? ", blocks the rerun without saying who holds it or how to break it" : ""));
        String problem = null;
        if (r.status() != 0) problem = "exit " + r.status() + ": " + FleetInvariants.tail(r.out(), 3);
        else if (!FleetInvariants.oneRelease(after)) problem = "exit 0 but hosts differ: " + FleetInvariants.where(after);
        else if (after.stream().anyMatch(h -> !h.complete())) problem = "exit 0 but " + FleetInvariants.currentComplete("", after).seen();
        else if (after.stream().anyMatch(h -> !head.equals(h.revision()))) problem = "exit 0 but not on " + head + ": " + after.get(0).revision();
        else if (!FleetInvariants.locked(after).isEmpty()) problem = "exit 0 but the lock stays on " + FleetInvariants.locked(after);
        CaseCheck rerun = CaseCheck.of("rerun", problem == null, problem == null ? "deployed " + after.get(0).current() + " everywhere" : problem);
        if (problem != null) {
            log.append("\n--- rerun failed: ").append(problem).append("; resetting the fleet\n");
            lane.reset();
        } else {
            String removed = lane.alignReleases();
            if (!removed.isEmpty()) log.append("\n--- releases only some hosts had, removed before the next case: ").append(removed).append('\n');
        }
        return List.of(lock, rerun);
    }
}
