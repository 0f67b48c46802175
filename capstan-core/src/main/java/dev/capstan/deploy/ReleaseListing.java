package dev.capstan.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One host's releases as it lists them: good releases (14-digit names, published at least once or never
 * marked), unfinished ones (a failed or interrupted deploy), entries with other names, and what {@code current}
 * points to. Names sort chronologically.
 */
record ReleaseListing(List<String> good, List<String> unfinished, List<String> invalid, String current) {
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{14}");

    static ReleaseListing parse(String output) {
        List<String> good = new ArrayList<>();
        List<String> unfinished = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        String current = null;
        for (String line : output.lines().toList()) {
            if (line.startsWith("current ")) {
                String target = line.substring(8).strip();
                if (!target.isEmpty()) current = target.substring(target.lastIndexOf('/') + 1);
            } else if (line.startsWith("release ") || line.startsWith("unfinished ")) {
                String name = line.substring(line.indexOf(' ') + 1);
                if (!TIMESTAMP.matcher(name).matches()) invalid.add(name);
                else if (line.startsWith("release ")) good.add(name);
                else unfinished.add(name);
            }
        }
        good.sort(null);
        unfinished.sort(null);
        return new ReleaseListing(good, unfinished, invalid, current);
    }

    /** The good release just before {@code current} by name, or null. */
    String beforeCurrent() {
        String previous = null;
        for (String g : good) {
            if (current != null && g.compareTo(current) >= 0) break;
            previous = g;
        }
        return current == null ? null : previous;
    }
}
