package dev.capstan.remote.backend.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * SSH options with the names Capistrano users know from net-ssh. Every component is null when not
 * given, so settings can be layered ({@link #overriddenBy}); the {@code effective...} methods apply defaults.
 *
 * @param config the ssh_config file to read; null means the default (~/.ssh/config)
 * @param readConfig false when {@code config: false} was given
 */
public record SshSettings(String user, Integer port, List<Path> keys, Boolean forwardAgent, Path userKnownHostsFile,
                          HostKeyPolicy verifyHostKey, String proxyJump, Duration timeout, Duration keepaliveInterval,
                          Integer maxSessions, Boolean pty, Duration idleTimeout, String password, Path config,
                          Boolean readConfig, Boolean useAgent, Boolean keysOnly, List<String> authMethods) {

    public static final Set<String> OPTIONS = Set.of("user", "port", "keys", "forward_agent", "user_known_hosts_file",
            "verify_host_key", "proxy_jump", "timeout", "keepalive_interval", "max_sessions", "pty", "idle_timeout",
            "password", "config", "use_agent", "keys_only", "auth_methods");

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_SESSIONS = 10;

    public SshSettings {
        keys = keys == null ? null : List.copyOf(keys);
        authMethods = authMethods == null ? null : List.copyOf(authMethods);
    }

    public static SshSettings defaults() {
        return new SshSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Builds settings from a map of net-ssh style options; an unknown key is an error naming the valid ones. */
    public static SshSettings fromOptions(Map<String, ?> given) {
        if (given == null || given.isEmpty()) return defaults();
        Map<String, Object> options = NetSshOptions.normalise(given);
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("unknown ssh option '" + key + "'; valid options: " + String.join(", ", new TreeSet<>(OPTIONS)));
            }
        }
        Object config = options.get("config");
        Boolean readConfig = config == null ? null : !(Boolean.FALSE.equals(config) || "false".equals(String.valueOf(config)));
        Path configPath = config == null || Boolean.FALSE.equals(readConfig) || config instanceof Boolean ? null : path(config);
        return new SshSettings(
                string(options.get("user")), integer("port", options.get("port")), paths(options.get("keys")),
                bool("forward_agent", options.get("forward_agent")), path(options.get("user_known_hosts_file")),
                options.get("verify_host_key") == null ? null : HostKeyPolicy.parse(options.get("verify_host_key")),
                string(options.get("proxy_jump")), seconds("timeout", options.get("timeout")),
                seconds("keepalive_interval", options.get("keepalive_interval")),
                integer("max_sessions", options.get("max_sessions")), bool("pty", options.get("pty")),
                seconds("idle_timeout", options.get("idle_timeout")), string(options.get("password")), configPath, readConfig,
                bool("use_agent", options.get("use_agent")), bool("keys_only", options.get("keys_only")),
                strings(options.get("auth_methods")));
    }

    /** These settings with every non-null value of {@code over} taking precedence. */
    public SshSettings overriddenBy(SshSettings over) {
        return new SshSettings(pick(over.user, user), pick(over.port, port), pick(over.keys, keys),
                pick(over.forwardAgent, forwardAgent), pick(over.userKnownHostsFile, userKnownHostsFile),
                pick(over.verifyHostKey, verifyHostKey), pick(over.proxyJump, proxyJump), pick(over.timeout, timeout),
                pick(over.keepaliveInterval, keepaliveInterval), pick(over.maxSessions, maxSessions), pick(over.pty, pty),
                pick(over.idleTimeout, idleTimeout), pick(over.password, password), pick(over.config, config),
                pick(over.readConfig, readConfig), pick(over.useAgent, useAgent), pick(over.keysOnly, keysOnly),
                pick(over.authMethods, authMethods));
    }

    /** These settings with a server's own {@code ssh_options} laid over them. */
    public SshSettings merge(Map<String, ?> serverOptions) {
        return overriddenBy(fromOptions(serverOptions));
    }

    public HostKeyPolicy effectiveVerifyHostKey() { return verifyHostKey == null ? HostKeyPolicy.ALWAYS : verifyHostKey; }
    public Duration effectiveTimeout() { return timeout == null ? DEFAULT_CONNECT_TIMEOUT : timeout; }
    public Duration effectiveKeepalive() { return keepaliveInterval == null ? DEFAULT_KEEPALIVE : keepaliveInterval; }
    public Duration effectiveIdleTimeout() { return idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout; }
    public int effectiveMaxSessions() { return maxSessions == null ? DEFAULT_MAX_SESSIONS : maxSessions; }
    public boolean effectivePty() { return Boolean.TRUE.equals(pty); }
    /** On unless turned off, as in SSHKit. */
    public boolean effectiveForwardAgent() { return !Boolean.FALSE.equals(forwardAgent); }
    public boolean effectiveUseAgent() { return !Boolean.FALSE.equals(useAgent) && allows("publickey"); }
    /** Whether {@code auth_methods} (when given) lists this method. */
    public boolean allows(String method) { return authMethods == null || authMethods.contains(method); }
    public boolean effectiveReadConfig() { return !Boolean.FALSE.equals(readConfig); }
    public Path effectiveConfig() { return config == null ? home().resolve(".ssh/config") : config; }
    public Path effectiveKnownHostsFile() { return userKnownHostsFile == null ? home().resolve(".ssh/known_hosts") : userKnownHostsFile; }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "SshSettings[user=" + user + ", port=" + port + ", keys=" + keys + ", forward_agent=" + forwardAgent
                + ", user_known_hosts_file=" + userKnownHostsFile + ", verify_host_key=" + verifyHostKey
                + ", proxy_jump=" + proxyJump + ", timeout=" + timeout + ", keepalive_interval=" + keepaliveInterval
                + ", max_sessions=" + maxSessions + ", pty=" + pty + ", idle_timeout=" + idleTimeout
                + ", password=" + (password == null ? null : "[REDACTED]") + ", config=" + (Boolean.FALSE.equals(readConfig) ? "false" : config) + ", use_agent=" + useAgent
                + ", keys_only=" + keysOnly + ", auth_methods=" + authMethods + "]";
    }

    static Path home() { return Path.of(System.getProperty("user.home")); }

    /** Expands a leading {@code ~}. */
    static Path expand(String p) {
        if (p.equals("~")) return home();
        if (p.startsWith("~/")) return home().resolve(p.substring(2));
        return Path.of(p);
    }

    private static <T> T pick(T a, T b) { return a != null ? a : b; }

    private static String string(Object o) { return o == null ? null : String.valueOf(o); }

    private static Path path(Object o) {
        if (o == null) return null;
        if (o instanceof Path p) return expand(p.toString());
        if (o instanceof Collection<?> c) return c.isEmpty() ? null : path(c.iterator().next());
        return expand(String.valueOf(o));
    }

    private static List<Path> paths(Object o) {
        if (o == null) return null;
        List<Path> out = new ArrayList<>();
        if (o instanceof Collection<?> c) c.forEach(x -> out.add(path(x)));
        else if (o instanceof Object[] a) for (Object x : a) out.add(path(x));
        else out.add(path(o));
        return out;
    }

    private static List<String> strings(Object o) {
        if (o == null) return null;
        List<String> out = new ArrayList<>();
        if (o instanceof Collection<?> c) c.forEach(x -> out.add(String.valueOf(x)));
        else out.add(String.valueOf(o));
        return out;
    }

    private static Integer integer(String name, Object o) {
        if (o == null) return null;
        if (o instanceof Number n) return n.intValue();
        try {
            return Integer.valueOf(String.valueOf(o).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ssh option '" + name + "' must be a whole number, not '" + o + "'");
        }
    }

    private static Boolean bool(String name, Object o) {
        if (o == null) return null;
        if (o instanceof Boolean b) return b;
        String s = String.valueOf(o).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes")) return true;
        if (s.equalsIgnoreCase("false") || s.equalsIgnoreCase("no")) return false;
        throw new IllegalArgumentException("ssh option '" + name + "' must be true or false, not '" + o + "'");
    }

    private static Duration seconds(String name, Object o) {
        if (o == null) return null;
        if (o instanceof Duration d) return d;
        try {
            double s = o instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(o).trim());
            return Duration.ofMillis((long) (s * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ssh option '" + name + "' must be a number of seconds, not '" + o + "'");
        }
    }
}
