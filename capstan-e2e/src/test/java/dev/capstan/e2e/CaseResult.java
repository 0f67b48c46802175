package dev.capstan.e2e;

import java.util.List;

/**
 * A fault case's outcome: the faulted run's exit status (-1: it hung and was killed), every invariant checked, and a
 * note on what else ran (a concurrency case's second run).
 */
record CaseResult(FaultCase c, int exit, List<CaseCheck> checks, String note, double seconds) {
    boolean passed() {
        return checks.stream().allMatch(CaseCheck::ok);
    }

    List<CaseCheck> failed() {
        return checks.stream().filter(k -> !k.ok()).toList();
    }
}
