package dev.capstan.remote.backend.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * SSH options with the names Capistrano users know from net-ssh ({@code ssh_options}). The same keys
 * are accepted per server ({@code server 'web1', ssh_options: [...]}), where they win over the global ones.
 */
public record SshSettings(String user, Integer port, List<Path> keys, boolean forwardAgent, Path knownHosts,
                          HostKeyPolicy verifyHostKey, String proxyJump, Duration connectTimeout, Duration keepalive,
                          int maxSessions, boolean pty, Duration idleTimeout, String password, Path sshConfig, boolean useAgent) {

    /** How an unknown or changed host key is treated. */
    public enum HostKeyPolicy { ALWAYS, ACCEPT_NEW, NEVER }

    static final Set<String> KEYS = new TreeSet<>(List.of("user", "port", "keys", "forward_agent", "user_known_hosts_file",
            "verify_host_key", "proxy_jump", "timeout", "keepalive_interval", "max_sessions", "pty", "idle_timeout",
            "password", "config", "use_agent", "auth_methods", "keys_only"));

    public static SshSettings defaults() {
        return fromOptions(Map.of());
    }

    /** Reads an {@code ssh_options} map; an unknown key is an error naming it and the valid ones. */
    public static SshSettings fromOptions(Map<String, ?> o) {
        for (String k : o.keySet()) {
            if (!KEYS.contains(k)) throw new IllegalArgumentException("unknown ssh option '" + k + "' (valid: " + String.join(", ", KEYS) + ")");
        }
        String home = System.getProperty("user.home");
        Object config = o.get("config");
        return new SshSettings(
                str(o.get("user")),
                o.get("port") == null ? null : Integer.valueOf(String.valueOf(o.get("port"))),
                paths(o.get("keys")),
                o.get("forward_agent") == null || Boolean.parseBoolean(String.valueOf(o.get("forward_agent"))),
                o.get("user_known_hosts_file") == null ? Path.of(home, ".ssh", "known_hosts") : path(String.valueOf(first(o.get("user_known_hosts_file")))),
                policy(o.get("verify_host_key")),
                str(o.get("proxy_jump")),
                seconds(o.get("timeout"), 10),
                seconds(o.get("keepalive_interval"), 30),
                o.get("max_sessions") == null ? 10 : Integer.parseInt(String.valueOf(o.get("max_sessions"))),
                Boolean.parseBoolean(String.valueOf(o.get("pty"))),
                seconds(o.get("idle_timeout"), 30),
                str(o.get("password")),
                Boolean.FALSE.equals(config) || "false".equals(String.valueOf(config)) ? null
                        : config == null ? Path.of(home, ".ssh", "config") : path(String.valueOf(config)),
                o.get("use_agent") == null || Boolean.parseBoolean(String.valueOf(o.get("use_agent"))));
    }

    /** These settings with a server's own {@code ssh_options} laid over them. */
    public SshSettings merge(Map<String, ?> serverOptions) {
        if (serverOptions == null || serverOptions.isEmpty()) return this;
        SshSettings s = fromOptions(serverOptions);
        return new SshSettings(
                serverOptions.containsKey("user") ? s.user : user,
                serverOptions.containsKey("port") ? s.port : port,
                serverOptions.containsKey("keys") ? s.keys : keys,
                serverOptions.containsKey("forward_agent") ? s.forwardAgent : forwardAgent,
                serverOptions.containsKey("user_known_hosts_file") ? s.knownHosts : knownHosts,
                serverOptions.containsKey("verify_host_key") ? s.verifyHostKey : verifyHostKey,
                serverOptions.containsKey("proxy_jump") ? s.proxyJump : proxyJump,
                serverOptions.containsKey("timeout") ? s.connectTimeout : connectTimeout,
                serverOptions.containsKey("keepalive_interval") ? s.keepalive : keepalive,
                serverOptions.containsKey("max_sessions") ? s.maxSessions : maxSessions,
                serverOptions.containsKey("pty") ? s.pty : pty,
                serverOptions.containsKey("idle_timeout") ? s.idleTimeout : idleTimeout,
                serverOptions.containsKey("password") ? s.password : password,
                serverOptions.containsKey("config") ? s.sshConfig : sshConfig,
                serverOptions.containsKey("use_agent") ? s.useAgent : useAgent);
    }

    @Override
    public String toString() {
        // never show the password
        return "SshSettings[user=" + user + ", port=" + port + ", keys=" + keys + ", verifyHostKey=" + verifyHostKey
                + ", proxyJump=" + proxyJump + ", password=" + (password == null ? "none" : "[REDACTED]") + "]";
    }

    private static HostKeyPolicy policy(Object v) {
        if (v == null) return HostKeyPolicy.ALWAYS;
        return switch (String.valueOf(v).toLowerCase(Locale.ROOT)) {
            case "always", "secure", "strict", "true" -> HostKeyPolicy.ALWAYS;
            case "accept_new", "accept_new_or_local_tunnel", "lenient" -> HostKeyPolicy.ACCEPT_NEW;
            case "never", "false" -> HostKeyPolicy.NEVER;
            default -> throw new IllegalArgumentException("ssh option verify_host_key: '" + v + "' (use always, accept_new or never)");
        };
    }

    private static Duration seconds(Object v, double fallback) {
        double s = v == null ? fallback : Double.parseDouble(String.valueOf(v));
        return Duration.ofMillis((long) (s * 1000));
    }

    private static String str(Object v) {
        return v == null ? null : String.valueOf(v);
    }

    private static Object first(Object v) {
        return v instanceof Collection<?> c && !c.isEmpty() ? c.iterator().next() : v;
    }

    private static List<Path> paths(Object v) {
        List<Path> out = new ArrayList<>();
        if (v instanceof Collection<?> c) c.forEach(x -> out.add(path(String.valueOf(x))));
        else if (v != null) out.add(path(String.valueOf(v)));
        return out;
    }

    static Path path(String p) {
        if (p.equals("~")) return Path.of(System.getProperty("user.home"));
        if (p.startsWith("~/")) return Path.of(System.getProperty("user.home"), p.substring(2));
        return Path.of(p);
    }
}
