package dev.capstan.e2e;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints one line at the end of the fleet suite, for the CI log: tests passed, failed, skipped, and the wall time,
 * then what each harness published as a report entry {@code harness.NAME} (e.g. {@code secrets: 44 cases, 0 leaks}).
 */
public final class FleetSummary implements TestExecutionListener {
    /** The report entry key under which FaultHarnessIT publishes its summary ("147 cases, 147 passed in 250 s"). */
    static final String FAULT_HARNESS = "harness.fault harness";
    private final Map<String, String> harnesses = new ConcurrentSkipListMap<>();
    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private long start;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        start = System.nanoTime();
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        entry.getKeyValuePairs().forEach((k, v) -> {
            if (k.startsWith("harness.")) harnesses.put(k.substring("harness.".length()), v);
        });
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) skipped.incrementAndGet();
        else if (id.isContainer() && id.getParentId().isPresent()) {
            System.out.println("[e2e] skipped " + id.getDisplayName() + ": " + reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        TestExecutionResult.Status status = result.getStatus();
        if (!id.isTest()) {
            // a class: aborted when its fleet cannot run here (an assumption), failed when it did not start
            if (status == TestExecutionResult.Status.ABORTED) {
                skipped.incrementAndGet();
                System.out.println("[e2e] skipped " + id.getDisplayName() + ": " + result.getThrowable().map(Throwable::getMessage).orElse("?"));
            } else if (status == TestExecutionResult.Status.FAILED && id.getParentId().isPresent()) {
                failed.incrementAndGet();
            }
            return;
        }
        if (status == TestExecutionResult.Status.SUCCESSFUL) passed.incrementAndGet();
        else if (status == TestExecutionResult.Status.ABORTED) skipped.incrementAndGet();
        else failed.incrementAndGet();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        int total = passed.get() + failed.get() + skipped.get();
        if (total == 0) return;
        StringBuilder results = new StringBuilder();
        harnesses.forEach((name, result) -> results.append("; ").append(name).append(": ").append(result));
        System.out.printf("[e2e] fleet suite: %d passed, %d failed, %d skipped in %.0f s%s%n", passed.get(), failed.get(), skipped.get(),
                (System.nanoTime() - start) / 1e9, results);
    }
}
