package dev.capstan.e2e;

import java.util.Arrays;

/**
 * One case of the fault harness: {@code fault} at the start of {@code task} (its {@code occurrence}-th start) in
 * {@code flow} (deploy or rollback); or, for {@link Fault#CONCURRENT}, {@code task} run beside a paused deploy.
 */
record FaultCase(String flow, String task, int occurrence, Fault fault) {
    /** e.g. {@code deploy/deploy:publishing/sigterm}, {@code rollback/deploy:lock/kill-9}, {@code concurrent/deploy:cleanup}. */
    String id() {
        if (fault == Fault.CONCURRENT) return "concurrent/" + task;
        return flow + "/" + task + (occurrence > 1 ? "#" + occurrence : "") + "/" + fault.id;
    }

    /**
     * Whether {@code -Dcapstan.faults.case} selects this case: a comma-separated list of ids, each matching a case's
     * whole id or its end ({@code deploy:publishing/sigterm} selects it in deploy and in rollback); blank selects all.
     */
    boolean selectedBy(String selection) {
        if (selection == null || selection.isBlank()) return true;
        return Arrays.stream(selection.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .anyMatch(s -> id().equals(s) || id().endsWith("/" + s));
    }
}
