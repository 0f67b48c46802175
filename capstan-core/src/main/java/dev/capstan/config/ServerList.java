package dev.capstan.config;

import dev.capstan.remote.Host;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The servers of a stage, in declaration order, and the role lookups over them ({@code roles}, {@code primary}). */
public final class ServerList {
    private final List<Server> servers = new ArrayList<>();

    /** {@code server 'user@host:port', roles: [...], any: 'property'}. */
    public synchronized Server server(String hostString, Map<String, ?> properties) {
        Host parsed = Host.parse(hostString);
        Server s = find(parsed.getHostname(), parsed.getPort());
        if (s == null) {
            s = new Server(parsed.getHostname(), parsed.getPort());
            servers.add(s);
        }
        s.userFromHostString(parsed.getUser());
        s.apply(properties);
        return s;
    }

    /** {@code role 'web', ['a', 'b'], props...}: each host gets the role and its own copy of the properties. */
    public synchronized void role(String role, Collection<String> hosts, Map<String, ?> properties) {
        for (String h : hosts) {
            Server s = server(h, properties);
            s.addRoles(role);
        }
    }

    public synchronized List<Server> all() { return List.copyOf(servers); }

    /**
     * Servers having any of the roles ({@code all} = every server; a {@code /regex/} matches role names),
     * then narrowed by property filters: {@code filter}/{@code select} (property truthy),
     * {@code exclude} (property falsy), any other key = property equals value.
     */
    public List<Host> roles(Collection<String> names, Map<String, ?> filterOptions) {
        List<Predicate<String>> matchers = new ArrayList<>();
        for (String n : names) for (String part : n.split(",")) matchers.add(roleMatcher(part.trim()));
        List<Host> out = new ArrayList<>();
        for (Server s : all()) {
            Host h = s.toHost();
            boolean roleOk = h.getRoles().stream().anyMatch(r -> matchers.stream().anyMatch(m -> m.test(r)))
                    || names.stream().anyMatch(n -> n.equals("all"));
            if (roleOk && passes(h, filterOptions)) out.add(h);
        }
        return out;
    }

    /** {@code release_roles}: like {@link #roles} but never a {@code no_release} server. */
    public List<Host> releaseRoles(Collection<String> names) {
        return roles(names, Map.of("exclude", "no_release"));
    }

    /** The first server of the role marked {@code primary: true}, else the first of the role; null if none. */
    public Host primary(String role) {
        List<Host> hosts = roles(List.of(role), Map.of());
        return hosts.stream().filter(h -> truthy(h.fetch("primary"))).findFirst()
                .orElse(hosts.isEmpty() ? null : hosts.get(0));
    }

    private Server find(String hostname, Integer port) {
        for (Server s : servers) if (s.sameIdentity(hostname, port)) return s;
        return null;
    }

    private static Predicate<String> roleMatcher(String name) {
        if (name.length() > 2 && name.startsWith("/") && name.endsWith("/")) {
            Pattern p = Pattern.compile(name.substring(1, name.length() - 1));
            return r -> p.matcher(r).find();
        }
        return name::equals;
    }

    @SuppressWarnings("unchecked")
    private static boolean passes(Host h, Map<String, ?> options) {
        for (Map.Entry<String, ?> e : options.entrySet()) {
            Object v = e.getValue();
            boolean ok = switch (e.getKey()) {
                case "filter", "select" -> v instanceof Predicate<?> p ? ((Predicate<Host>) p).test(h) : truthy(h.fetch(String.valueOf(v)));
                case "exclude" -> v instanceof Predicate<?> p ? !((Predicate<Host>) p).test(h) : !truthy(h.fetch(String.valueOf(v)));
                default -> java.util.Objects.equals(h.fetch(e.getKey()), v);
            };
            if (!ok) return false;
        }
        return true;
    }

    static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v);
    }
}
