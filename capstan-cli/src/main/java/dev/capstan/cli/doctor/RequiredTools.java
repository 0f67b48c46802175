package dev.capstan.cli.doctor;

import dev.capstan.config.Configuration;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The programs the configured recipes run on a host, which must be on the non-login shell's PATH:
 * those of each plugin in use, the first word of each {@code command_map} entry, and {@code doctor_tools}
 * (the project's own).
 */
final class RequiredTools {
    private static final Map<String, List<String>> BY_PLUGIN = Map.of(
            "deploy", List.of("mkdir", "ln", "mv", "rm", "readlink", "ls", "sort", "tail", "cat"),
            "scm/git", List.of("git", "tar"),
            "scm/svn", List.of("svn"),
            "scm/hg", List.of("hg", "tar"),
            "scm/artifact", List.of("tar", "sha256sum"),
            "scm/copy", List.of("tar", "sha256sum"));

    private RequiredTools() {}

    static List<String> of(List<String> plugins, Configuration config) {
        Set<String> tools = new LinkedHashSet<>();
        for (String p : plugins) tools.addAll(BY_PLUGIN.getOrDefault(p, List.of()));
        // hosts that download the artifact themselves need curl (else the deploy falls back to pushing it)
        if (plugins.contains("scm/artifact") && !"push".equals(config.fetchString("artifact_transfer"))) tools.add("curl");
        if (config.fetch("command_map") instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                String[] words = String.valueOf(v).trim().split("\\s+");
                int i = words.length > 1 && words[0].equals("/usr/bin/env") ? 1 : 0;
                if (!words[i].isEmpty()) tools.add(words[i]);
            }
        }
        tools.addAll(config.fetchList("doctor_tools"));
        return List.copyOf(tools);
    }
}
