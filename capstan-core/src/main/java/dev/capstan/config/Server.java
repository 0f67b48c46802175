package dev.capstan.config;

import dev.capstan.remote.Host;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A server as declared by {@code server} and {@code role}. Declaring the same host again merges
 * into it the way Capistrano merges: roles added, maps merged, lists concatenated, scalars replaced.
 * Identity is hostname + port (the user is not part of it).
 */
public final class Server {
    private final String hostname;
    private final Integer port;
    private String user;
    private final Set<String> roles = new LinkedHashSet<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, Object> sshOptions = new LinkedHashMap<>();

    Server(String hostname, Integer port) {
        this.hostname = hostname;
        this.port = port;
    }

    public String hostname() { return hostname; }
    public Integer port() { return port; }
    public String user() { return user; }
    public Set<String> roles() { return Set.copyOf(roles); }
    public Map<String, Object> properties() { return Map.copyOf(properties); }

    boolean sameIdentity(String otherHost, Integer otherPort) {
        return hostname.equals(otherHost) && Objects.equals(port, otherPort);
    }

    /** A user in the host string ({@code u2@a}) updates the server; a {@code user:} property of the same declaration beats it. */
    void userFromHostString(String u) {
        if (u != null) user = u;
    }

    /** Applies properties: {@code user}, {@code roles}/{@code role}, {@code ssh_options} are special; others merge. */
    @SuppressWarnings("unchecked")
    void apply(Map<String, ?> props) {
        props.forEach((key, value) -> {
            switch (key) {
                case "user" -> user = value == null ? null : String.valueOf(value);
                case "port" -> throw new ConfigException("server " + hostname + ": give the port in the host string ('"
                        + hostname + ":" + value + "') or in ssh_options, not as a property");
                case "roles", "role" -> addRoles(value);
                case "ssh_options" -> {
                    if (!(value instanceof Map<?, ?> m)) throw new ConfigException("server " + hostname + ": ssh_options must be a map, e.g. ssh_options: [user: 'deploy']");
                    sshOptions.putAll((Map<String, Object>) m);
                }
                default -> properties.put(key, merge(properties.get(key), value));
            }
        });
    }

    void addRoles(Object value) {
        if (value instanceof Collection<?> c) c.forEach(r -> addRole(String.valueOf(r)));
        else if (value != null) for (String r : String.valueOf(value).split(",")) addRole(r.trim());
    }

    private void addRole(String role) {
        if (role.isEmpty()) return;
        if (role.equals("all")) throw new ConfigException("'all' is a reserved name for a role: please choose another name (server " + hostname + ")");
        if (role.chars().anyMatch(Character::isWhitespace)) throw new ConfigException("role '" + role + "' of server " + hostname + " contains whitespace");
        roles.add(role);
    }

    @SuppressWarnings("unchecked")
    private static Object merge(Object old, Object value) {
        if (old instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
            Map<Object, Object> m = new LinkedHashMap<>((Map<Object, Object>) a);
            m.putAll(b);
            return m;
        }
        if (old instanceof Collection<?> a && value instanceof Collection<?> b) {
            List<Object> l = new ArrayList<>(a);
            l.addAll(b);
            return l;
        }
        return value;
    }

    /** The remote-layer view of this server. */
    public Host toHost() {
        return new Host(hostname, port, user, roles, properties, sshOptions);
    }

    @Override
    public String toString() { return toHost().label(); }
}
