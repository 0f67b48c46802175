package dev.capstan.output;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces every occurrence of a set of strings with {@link Masker#MASK} in one pass: at each position only the
 * strings starting with that character are tried, longest first (so a secret containing another is hidden whole;
 * where two overlap, the whole stretch is hidden).
 * Linear in the text for the usual handful of secrets; no regular expressions.
 */
final class FormIndex {
    static final FormIndex EMPTY = new FormIndex(List.of());

    private final String[][] ascii = new String[128][];
    private final Map<Character, String[]> other = new HashMap<>();
    private final boolean empty;

    FormIndex(Collection<String> forms) {
        Map<Character, List<String>> groups = new HashMap<>();
        for (String f : forms) if (!f.isEmpty()) groups.computeIfAbsent(f.charAt(0), c -> new ArrayList<>()).add(f);
        groups.forEach((c, list) -> {
            String[] longestFirst = list.stream().distinct().sorted(Comparator.comparingInt(String::length).reversed()).toArray(String[]::new);
            if (c < 128) ascii[c] = longestFirst;
            else other.put(c, longestFirst);
        });
        empty = groups.isEmpty();
    }

    String mask(String text) {
        if (empty) return text;
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < text.length(); ) {
            String match = matchAt(text, i);
            if (match == null) {
                i++;
                continue;
            }
            // a form starting inside this one may reach further (overlapping secrets): hide up to its end too
            int end = i + match.length();
            for (int j = i + 1; j < end; j++) {
                String inner = matchAt(text, j);
                if (inner != null) end = Math.max(end, j + inner.length());
            }
            if (out == null) out = new StringBuilder(text.length());
            out.append(text, copied, i).append(Masker.MASK);
            i = end;
            copied = i;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private String matchAt(String text, int i) {
        char first = text.charAt(i);
        String[] candidates = first < 128 ? ascii[first] : other.isEmpty() ? null : other.get(first);
        if (candidates == null) return null;
        for (String c : candidates) if (text.startsWith(c, i)) return c;
        return null;
    }
}
