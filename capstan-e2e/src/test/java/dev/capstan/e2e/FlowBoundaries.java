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

    /** One case per boundary and fault, in flow order. */
    static List<FaultCase> cases(String flow, List<String> tasksStarted, List<Fault> faults) {
        int publish = tasksStarted.indexOf("deploy:publishing");
        Map<String, Integer> seen = new HashMap<>();
        List<FaultCase> out = new ArrayList<>();
        for (int i = 0; i < tasksStarted.size(); i++) {
            String task = tasksStarted.get(i);
            int occurrence = seen.merge(task, 1, Integer::sum);
            for (Fault f : faults) out.add(new FaultCase(flow, task, occurrence, i, publish, f));
        }
        return out;
    }
}
