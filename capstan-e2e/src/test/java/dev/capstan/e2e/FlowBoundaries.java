package dev.capstan.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The step boundaries of a flow, read from a run of it: every {@code task_started} event in order (a task that starts
 * twice gives two boundaries). Nothing is listed by hand, so a step added to the flow is a new boundary.
 */
final class FlowBoundaries {
    private FlowBoundaries() {}

    /**
     * One case per boundary and fault, in flow order. {@code nextBlocks} (per boundary, the remote block that follows
     * it) thins out the faults in {@code spread}: those get only the first boundary before each block, since every
     * boundary up to that block leaves the hosts at the same point.
     */
    static List<FaultCase> cases(String flow, List<String> tasksStarted, List<String> nextBlocks, List<Fault> faults, List<Fault> spread) {
        Map<String, Integer> seen = new HashMap<>();
        List<FaultCase> out = new ArrayList<>();
        for (int i = 0; i < tasksStarted.size(); i++) {
            String task = tasksStarted.get(i);
            int occurrence = seen.merge(task, 1, Integer::sum);
            boolean firstBeforeItsBlock = i == 0 || !nextBlocks.get(i).equals(nextBlocks.get(i - 1));
            for (Fault f : faults) {
                if (firstBeforeItsBlock || !spread.contains(f)) out.add(new FaultCase(flow, task, occurrence, f));
            }
        }
        return out;
    }
}
