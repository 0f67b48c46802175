package dev.capstan.cli.imports;

import java.util.ArrayList;
import java.util.List;

/** What {@code capstan import} did not convert: file:line, the Ruby, and why. */
final class ImportReport {
    record Entry(String file, int line, String ruby, String why) {
        @Override
        public String toString() { return file + ":" + line + ": " + ruby + "  -- " + why; }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void notConverted(String file, int line, String ruby, String why) {
        String first = ruby.strip().lines().findFirst().orElse("");
        entries.add(new Entry(file, line, first.length() > 70 ? first.substring(0, 67) + "..." : first, why));
    }

    /** Something done that the user should know (a file moved, a default made explicit). */
    void note(String text) { notes.add(text); }

    List<Entry> entries() { return List.copyOf(entries); }

    List<String> notes() { return List.copyOf(notes); }

    String text() {
        StringBuilder sb = new StringBuilder();
        for (String n : notes) sb.append(n).append('\n');
        if (entries.isEmpty()) sb.append("Everything was converted.\n");
        else {
            sb.append(entries.size()).append(entries.size() == 1 ? " construct was" : " constructs were")
                    .append(" not converted (left as // TODO comments with the Ruby):\n");
            for (Entry e : entries) sb.append("  ").append(e).append('\n');
        }
        return sb.toString();
    }
}
