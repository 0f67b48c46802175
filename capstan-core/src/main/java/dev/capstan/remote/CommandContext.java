package dev.capstan.remote;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where and how a command runs: the {@code within} directory, {@code with} environment,
 * {@code as} user and group, and umask. Immutable; each block derives a new one.
 *
 * @param secretEnv names in {@code env} whose value is secret (given as {@link Arg.Redacted}): sent single-quoted,
 *                  so the value arrives exactly as written, and shown as {@code [REDACTED]}
 */
public record CommandContext(String dir, Map<String, String> env, String user, String group, String umask, Set<String> secretEnv) {
    public static final CommandContext EMPTY = new CommandContext(null, Map.of(), null, null, null, Set.of());

    public CommandContext {
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env == null ? Map.of() : env));
        secretEnv = Collections.unmodifiableSet(new LinkedHashSet<>(secretEnv == null ? Set.of() : secretEnv));
    }

    public CommandContext(String dir, Map<String, String> env, String user, String group, String umask) {
        this(dir, env, user, group, umask, Set.of());
    }

    /** Nested {@code within}: an absolute path replaces the outer one (SSHKit appends it; see the migration notes). */
    public CommandContext within(String directory) {
        String next = dir == null || directory.startsWith("/") || directory.startsWith("~") ? directory : dir + "/" + directory;
        return new CommandContext(next, env, user, group, umask, secretEnv);
    }

    /** {@code with}: keys are upper-cased like SSHKit's symbol keys; later values win; an {@link Arg.Redacted} value is secret. */
    public CommandContext with(Map<String, ?> vars) {
        Map<String, String> merged = new LinkedHashMap<>(env);
        Set<String> secret = new LinkedHashSet<>(secretEnv);
        vars.forEach((k, v) -> {
            String name = EnvName.of(k);
            merged.put(name, v instanceof Arg.Redacted r ? r.value() : String.valueOf(v));
            if (v instanceof Arg.Redacted) secret.add(name);
            else secret.remove(name);
        });
        return new CommandContext(dir, merged, user, group, umask, secret);
    }

    public CommandContext as(String newUser, String newGroup) {
        return new CommandContext(dir, env, newUser, newGroup, umask, secretEnv);
    }

    public CommandContext withUmask(String mask) {
        return new CommandContext(dir, env, user, group, mask, secretEnv);
    }

    /** Environment variable names: a name given in lower case is upper-cased; a mixed-case name is kept. */
    static final class EnvName {
        private EnvName() {}

        static String of(String key) {
            return key.equals(key.toLowerCase(java.util.Locale.ROOT)) ? key.toUpperCase(java.util.Locale.ROOT) : key;
        }
    }
}
