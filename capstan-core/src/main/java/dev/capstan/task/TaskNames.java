package dev.capstan.task;

import java.util.Comparator;
import java.util.List;

/** Rules for task names and the "did you mean" suggestions. */
public final class TaskNames {
    private TaskNames() {}

    static void check(String name) {
        if (name == null || name.isBlank() || name.startsWith(":") || name.endsWith(":") || name.contains("::")
                || name.chars().anyMatch(Character::isWhitespace)) {
            throw new TaskException("invalid task name '" + name + "': use words separated by ':' (e.g. deploy:restart)");
        }
    }

    /** Up to three names within a small edit distance, or sharing the last segment. */
    public static List<String> nearest(String name, List<String> names) {
        int limit = Math.max(2, name.length() / 3);
        String last = name.substring(name.lastIndexOf(':') + 1);
        return names.stream()
                .filter(n -> distance(n, name) <= limit || n.endsWith(":" + last))
                .sorted(Comparator.comparingInt(n -> distance(n, name)))
                .limit(3).toList();
    }

    static int distance(String a, String b) {
        return dev.capstan.config.NearestNames.distance(a, b);
    }
}
