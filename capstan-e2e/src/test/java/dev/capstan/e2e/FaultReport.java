package dev.capstan.e2e;

import java.util.List;

/** The fault harness's results as text: the summary for the suite's last line, the table of failures, every case. */
final class FaultReport {
    private FaultReport() {}

    /** e.g. {@code 147 cases, 147 passed} or {@code 147 cases, 60 passed, 87 failed}. */
    static String summary(List<CaseResult> results) {
        long passed = results.stream().filter(CaseResult::passed).count();
        return results.size() + " cases, " + passed + " passed" + (passed < results.size() ? ", " + (results.size() - passed) + " failed" : "");
    }

    /** One row per failed invariant: case, the faulted run's exit status, invariant, what was seen. */
    static String failures(List<CaseResult> results) {
        int w = results.stream().filter(r -> !r.passed()).mapToInt(r -> r.c().id().length()).max().orElse(4);
        StringBuilder sb = new StringBuilder(String.format("%-" + w + "s %5s  %-28s %s%n", "CASE", "EXIT", "INVARIANT", "SEEN"));
        for (CaseResult r : results) {
            if (r.passed()) continue;
            String id = r.c().id();
            for (CaseCheck k : r.failed()) {
                sb.append(String.format("%-" + w + "s %5s  %-28s %s%n", id, id.isEmpty() ? "" : r.exit(), k.name(), k.seen()));
                id = "";
            }
            if (!r.note().isEmpty()) sb.append(String.format("%-" + w + "s %5s  %-28s %s%n", "", "", "", r.note()));
        }
        return sb.toString();
    }

    /** Every case with every invariant (capstan-e2e/target/fault-harness/results.txt). */
    static String all(List<CaseResult> results) {
        StringBuilder sb = new StringBuilder();
        for (CaseResult r : results) {
            sb.append(String.format("%s  exit %d  %s  %.1f s%s%n", r.c().id(), r.exit(), r.passed() ? "PASSED" : "FAILED", r.seconds(),
                    r.note().isEmpty() ? "" : "  (" + r.note() + ")"));
            for (CaseCheck k : r.checks()) sb.append(String.format("    %-4s %-28s %s%n", k.ok() ? "ok" : "FAIL", k.name(), k.seen()));
        }
        return sb.toString();
    }
}
