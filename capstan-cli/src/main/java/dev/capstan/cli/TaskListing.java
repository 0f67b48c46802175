package dev.capstan.cli;

import dev.capstan.task.Task;
import dev.capstan.task.TaskRegistry;

import java.io.PrintStream;
import java.util.List;

/** {@code -T} (described tasks, like {@code cap -T}) and {@code -P} (prerequisites and hooks). */
final class TaskListing {
    private TaskListing() {}

    static void tasks(TaskRegistry registry, String pattern, boolean all, boolean installAvailable, PrintStream out) {
        List<Task> shown = registry.all().stream()
                .filter(t -> all || t.description() != null)
                .filter(t -> pattern == null || t.name().contains(pattern))
                .toList();
        int width = shown.stream().mapToInt(t -> t.name().length()).max().orElse(0);
        if (installAvailable && (pattern == null || "install".contains(pattern))) width = Math.max(width, 7);
        for (Task t : shown) {
            out.println(String.format("capstan %-" + width + "s  # %s", t.name(), t.description() == null ? "" : t.description()));
        }
        if (installAvailable && (pattern == null || "install".contains(pattern))) {
            out.println(String.format("capstan %-" + width + "s  # %s", "install", "Install Capstan in a project (--stages a,b)"));
        }
    }

    static void prerequisites(TaskRegistry registry, String pattern, PrintStream out) {
        for (Task t : registry.all()) {
            if (pattern != null && !t.name().contains(pattern)) continue;
            out.println("capstan " + t.name());
            for (String p : t.prerequisites()) out.println("    " + p);
            for (String a : t.afterHooks()) out.println("    (after) " + a);
        }
    }
}
