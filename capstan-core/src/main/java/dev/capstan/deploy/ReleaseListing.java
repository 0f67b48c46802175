package dev.capstan.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One host's releases as it lists them: good releases (14-digit names, published at least once or never
 * marked), unfinished ones (a failed or interrupted deploy, or one without REVISION where the others have it:
 * half deleted), entries with other names, what {@code current}
 * points to, and the releases revisions.log says were deployed, in the order they were deployed.
 */
record ReleaseListing(List<String> good, List<String> unfinished, List<String> invalid, String current, List<String> deployed) {
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{14}");

    static ReleaseListing parse(String output) {
        List<String> good = new ArrayList<>();
        List<String> unfinished = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        List<String> deployed = new ArrayList<>();
        List<String> bare = new ArrayList<>();
        String current = null;
        for (String line : output.lines().toList()) {
            if (line.startsWith("current ")) {
                String target = line.substring(8).strip();
                if (!target.isEmpty()) current = target.substring(target.lastIndexOf('/') + 1);
            } else if (line.startsWith("deployed ")) {
                deployed.add(line.substring(9).strip());
            } else if (line.startsWith("release ") || line.startsWith("unfinished ") || line.startsWith("bare ")) {
                String name = line.substring(line.indexOf(' ') + 1);
                if (!TIMESTAMP.matcher(name).matches()) invalid.add(name);
                else if (line.startsWith("release ")) good.add(name);
                else if (line.startsWith("bare ")) bare.add(name);
                else unfinished.add(name);
            }
        }
        // without REVISION where other releases have one: half deleted (or made by hand), never good; where none
        // has one (scm/none, the user's own tasks fill releases), that says nothing
        if (good.isEmpty()) good.addAll(bare);
        else unfinished.addAll(bare);
        good.sort(null);
        unfinished.sort(null);
        return new ReleaseListing(good, unfinished, invalid, current, deployed);
    }

    /**
     * The good release published before {@code release}: the one revisions.log names as deployed before it
     * (so a clock that was behind does not matter), else the good release just before it by name; or null.
     */
    String before(String release) {
        int at = deployed.lastIndexOf(release);
        for (int i = at - 1; i >= 0; i--) {
            String d = deployed.get(i);
            if (!d.equals(release) && good.contains(d)) return d;
        }
        String previous = null;
        for (String g : good) {
            if (g.compareTo(release) >= 0) break;
            previous = g;
        }
        return previous;
    }

    /** The good release just before {@code current}, or null. */
    String beforeCurrent() {
        return current == null ? null : before(current);
    }

    /** The state of {@code release} here, for a table: good, unfinished or missing. */
    String state(String release) {
        return good.contains(release) ? "has it" : unfinished.contains(release) ? "has it INCOMPLETE" : "does not have it";
    }
}
