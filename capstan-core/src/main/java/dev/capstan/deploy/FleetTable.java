package dev.capstan.deploy;

import java.util.ArrayList;
import java.util.List;

/** A hosts × release table for error messages and status: one row per host, columns padded to fit. */
public final class FleetTable {
    private final List<String[]> rows = new ArrayList<>();

    public FleetTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    public String render(String... header) {
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] width = new int[header.length];
        for (String[] r : all) for (int i = 0; i < r.length && i < width.length; i++) width[i] = Math.max(width[i], r[i].length());
        StringBuilder sb = new StringBuilder();
        for (String[] r : all) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) line.append(" ".repeat(width[i] - r[i].length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
