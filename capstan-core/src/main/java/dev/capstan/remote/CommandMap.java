package dev.capstan.remote;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a command name turns into on the host, as SSHKit's command map: {@code git} becomes
 * {@code /usr/bin/env git}; a user maps {@code rake} to {@code bundle exec rake} or adds prefixes.
 */
public final class CommandMap {
    private static final Set<String> UNMAPPED = Set.of("if", "test", "time", "exec", "[", "cd", "export", "true", "false");

    private final Map<String, Function<String, String>> mapped = new ConcurrentHashMap<>();
    private final Map<String, Deque<String>> prefixes = new ConcurrentHashMap<>();

    /** Maps a command name to a fixed string, e.g. {@code map("rake", "/usr/local/bin/rake")}. */
    public CommandMap map(String name, String replacement) {
        mapped.put(name, n -> replacement);
        return this;
    }

    /** Maps a command name to a computed string (called on each lookup). */
    public CommandMap map(String name, Function<String, String> replacement) {
        mapped.put(name, replacement);
        return this;
    }

    /** The prefix list of a command: {@code prefix("rails").push("bundle exec")}. */
    public Deque<String> prefix(String name) {
        return prefixes.computeIfAbsent(name, n -> new ArrayDeque<>());
    }

    /** True when the user gave an explicit mapping or prefix for this name (used for shell snippets). */
    public boolean hasExplicit(String name) {
        return mapped.containsKey(name) || !prefix(name).isEmpty();
    }

    /** The string that runs {@code name} on the host. */
    public String resolve(String name) {
        // a prefix wins over a mapping, as in SSHKit's CommandMap#[]
        Deque<String> pre = prefixes.get(name);
        if (pre != null && !pre.isEmpty()) return String.join(" ", pre) + " " + name;
        Function<String, String> f = mapped.get(name);
        if (f != null) return f.apply(name);
        if (UNMAPPED.contains(name)) return name;
        return "/usr/bin/env " + name;
    }
}
