package dev.capstan.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean": the known names within a small edit distance of a mistyped one, nearest first. */
public final class NearestNames {
    private NearestNames() {}

    /** Up to three of {@code known} within an edit distance of a third of {@code name}'s length (at least 2). */
    public static List<String> of(String name, Collection<String> known) {
        int limit = Math.max(2, name.length() / 3);
        return known.stream().distinct().filter(n -> !n.equals(name) && distance(n, name) <= limit)
                .sorted(Comparator.comparingInt((String n) -> distance(n, name)).thenComparing(n -> n)).limit(3).toList();
    }

    /** {@code " (did you mean 'a' or 'b'?)"}, or "" when nothing is near. */
    public static String hint(String name, Collection<String> known) {
        List<String> near = of(name, known);
        return near.isEmpty() ? "" : " (did you mean '" + String.join("' or '", near) + "'?)";
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
