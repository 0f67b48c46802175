package dev.capstan.remote;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A machine commands run on: where to connect and what the configuration says about it.
 * Immutable; {@link #withUser} and friends return copies, so a task that changes the user for one
 * {@code on} block never changes it for the next (Capistrano deep-copies hosts for the same reason).
 * Identity is hostname + port + user.
 */
public final class Host {
    /** Hostname of the pseudo host that runs commands on this machine. */
    public static final String LOCAL = "localhost";

    private final String hostname;
    private final Integer port;
    private final String user;
    private final Set<String> roles;
    private final Map<String, Object> properties;
    private final Map<String, Object> sshOptions;

    public Host(String hostname, Integer port, String user, Set<String> roles,
                Map<String, Object> properties, Map<String, Object> sshOptions) {
        if (hostname == null || hostname.isBlank()) throw new IllegalArgumentException("host name is empty");
        this.hostname = hostname;
        this.port = port;
        this.user = user;
        this.roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles == null ? Set.of() : roles));
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties == null ? Map.of() : properties));
        this.sshOptions = Collections.unmodifiableMap(new LinkedHashMap<>(sshOptions == null ? Map.of() : sshOptions));
    }

    /** Parses {@code host}, {@code host:port}, {@code user@host:port}, {@code [v6]:port}, {@code user@[v6]:port}, bare v6. */
    public static Host parse(String spec) {
        return HostString.parse(spec);
    }

    /** This machine, run through the local backend. */
    public static Host local() {
        return new Host(LOCAL, null, System.getProperty("user.name"), Set.of(), Map.of("backend", "local"), Map.of());
    }

    public String getHostname() { return hostname; }
    public Integer getPort() { return port; }
    public String getUser() { return user; }
    public Set<String> getRoles() { return roles; }
    public Map<String, Object> getProperties() { return properties; }
    public Map<String, Object> getSshOptions() { return sshOptions; }

    public boolean hasRole(String role) { return roles.contains(role); }

    /** A property, or null. Also answers {@code user}, {@code port}, {@code hostname} like Capistrano's Server#fetch. */
    public Object fetch(String name) {
        return switch (name) {
            case "hostname" -> hostname;
            case "user" -> user;
            case "port" -> port;
            case "roles" -> roles;
            default -> properties.get(name);
        };
    }

    /** Groovy: {@code host['deploy_user']}. */
    public Object getAt(String name) { return fetch(name); }

    /** True when commands for this host run on this machine without SSH. */
    public boolean isLocal() {
        return "local".equals(String.valueOf(properties.get("backend")));
    }

    public Host withUser(String newUser) { return new Host(hostname, port, newUser, roles, properties, sshOptions); }
    public Host withPort(Integer newPort) { return new Host(hostname, newPort, user, roles, properties, sshOptions); }
    public Host withProperties(Map<String, Object> newProperties) { return new Host(hostname, port, user, roles, newProperties, sshOptions); }
    public Host withSshOptions(Map<String, Object> options) { return new Host(hostname, port, user, roles, properties, options); }

    /** {@code user@host:port} as shown in output; port only when set. */
    public String label() {
        String h = hostname.contains(":") ? "[" + hostname + "]" : hostname;
        return (user == null ? "" : user + "@") + h + (port == null ? "" : ":" + port);
    }

    @Override public boolean equals(Object o) {
        return o instanceof Host h && hostname.equals(h.hostname) && Objects.equals(port, h.port) && Objects.equals(user, h.user);
    }
    @Override public int hashCode() { return Objects.hash(hostname, port, user); }
    @Override public String toString() { return hostname; }
}
