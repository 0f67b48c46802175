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
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
