package dev.capstan.cli.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands per host of a dry run in SSHKit's pretty format at debug level (cap's and capstan's):
 * {@code [id] Running … as user@host} names the host, {@code [id] Command: …} the command as sent.
 */
final class DryRunCommands {
    private static final Pattern RUNNING = Pattern.compile("\\[(\\w+)] Running .* as (\\S+)\\s*$");
    private static final Pattern COMMAND = Pattern.compile("\\[(\\w+)] Command: (.*)$");

    private DryRunCommands() {}

    static Map<String, List<String>> of(String output) {
        Map<String, String> hostOf = new HashMap<>();
        Map<String, List<String>> out = new TreeMap<>();
        for (String line : output.split("\n")) {
            Matcher r = RUNNING.matcher(line);
            if (r.find()) hostOf.put(r.group(1), r.group(2));
            Matcher c = COMMAND.matcher(line);
            if (c.find()) out.computeIfAbsent(hostOf.getOrDefault(c.group(1), "?"), h -> new ArrayList<>()).add(normal(c.group(2)));
        }
        return out;
    }

    /**
     * Release timestamps differ between runs; Capstan escapes arguments where SSHKit does not; a release path
     * is current_path when a task runs alone.
     */
    static String normal(String command) {
        return command.replaceAll("[0-9]{14}", "TS").replaceAll("\\\\(.)", "$1").replace("/releases/TS", "/current").strip();
    }

    /** Only the commands in {@code keep}, per host, in order. */
    static Map<String, List<String>> only(Map<String, List<String>> all, java.util.Set<String> keep) {
        Map<String, List<String>> out = new TreeMap<>();
        all.forEach((h, cs) -> {
            List<String> kept = cs.stream().filter(keep::contains).toList();
            if (!kept.isEmpty()) out.put(h, kept);
        });
        return out;
    }

    /** {@code cap NAME  # desc} / {@code capstan NAME  # desc} lines as name → description. */
    static Map<String, String> tasks(String listing, String tool) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : listing.split("\n")) {
            if (!line.startsWith(tool + " ")) continue;
            String rest = line.substring(tool.length() + 1);
            int hash = rest.indexOf(" # ");
            String name = (hash < 0 ? rest : rest.substring(0, hash)).strip();
            out.put(name, hash < 0 ? "" : rest.substring(hash + 3).strip());
        }
        return out;
    }
}
