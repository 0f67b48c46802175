package dev.capstan.remote;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how a command runs: the {@code within} directory, {@code with} environment,
 * {@code as} user and group, and umask. Immutable; each block derives a new one.
 */
public record CommandContext(String dir, Map<String, String> env, String user, String group, String umask) {
    public static final CommandContext EMPTY = new CommandContext(null, Map.of(), null, null, null);

    public CommandContext {
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env == null ? Map.of() : env));
    }

    /** Nested {@code within}: an absolute path replaces the outer one (SSHKit appends it; see the migration notes). */
    public CommandContext within(String directory) {
        String next = dir == null || directory.startsWith("/") || directory.startsWith("~") ? directory : dir + "/" + directory;
        return new CommandContext(next, env, user, group, umask);
    }

    /** {@code with}: keys are upper-cased like SSHKit's symbol keys; later values win. */
    public CommandContext with(Map<String, ?> vars) {
        Map<String, String> merged = new LinkedHashMap<>(env);
        vars.forEach((k, v) -> merged.put(EnvName.of(k), String.valueOf(v)));
        return new CommandContext(dir, merged, user, group, umask);
    }

    public CommandContext as(String newUser, String newGroup) {
        return new CommandContext(dir, env, newUser, newGroup, umask);
    }

    public CommandContext withUmask(String mask) {
        return new CommandContext(dir, env, user, group, mask);
    }

    /** Environment variable names: a name given in lower case is upper-cased; a mixed-case name is kept. */
    static final class EnvName {
        private EnvName() {}

        static String of(String key) {
            return key.equals(key.toLowerCase(java.util.Locale.ROOT)) ? key.toUpperCase(java.util.Locale.ROOT) : key;
        }
    }
}
