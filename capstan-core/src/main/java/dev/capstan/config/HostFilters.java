package dev.capstan.config;

import dev.capstan.remote.Host;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Narrows the hosts of every {@code on} block: {@code --hosts}/{@code --roles}, {@code HOSTS}/{@code ROLES}
 * and the {@code filter} variable. Filters intersect; the values of one filter are a union. A value
 * starting with {@code !} excludes instead. {@code roles()} itself is not filtered (as in Capistrano).
 */
public final class HostFilters {
    private final List<Predicate<Host>> filters = new ArrayList<>();

    /** A comma list of host names (exact) or regular expressions; {@code all} matches everything. */
    public synchronized void hosts(String spec) {
        if (spec != null && !spec.isBlank()) filters.add(build(spec, HostFilters::hostMatcher));
    }

    /** A comma list of role names or {@code /regex/}; {@code all} matches everything. */
    public synchronized void roles(String spec) {
        if (spec != null && !spec.isBlank()) filters.add(build(spec, HostFilters::roleMatcher));
    }

    public synchronized void add(Predicate<Host> filter) { filters.add(filter); }

    public synchronized boolean isEmpty() { return filters.isEmpty(); }

    public synchronized List<Host> apply(List<Host> hosts) {
        return hosts.stream().filter(h -> filters.stream().allMatch(f -> f.test(h))).toList();
    }

    private static Predicate<Host> build(String spec, java.util.function.Function<String, Predicate<Host>> matcher) {
        List<Predicate<Host>> include = new ArrayList<>();
        List<Predicate<Host>> exclude = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String v = raw.trim();
            if (v.isEmpty()) continue;
            if (v.startsWith("!")) exclude.add(matcher.apply(v.substring(1)));
            else include.add(matcher.apply(v));
        }
        return h -> (include.isEmpty() || include.stream().anyMatch(p -> p.test(h)))
                && exclude.stream().noneMatch(p -> p.test(h));
    }

    private static Predicate<Host> hostMatcher(String v) {
        if (v.equals("all")) return h -> true;
        if (v.matches("[-A-Za-z0-9.]+")) return h -> h.getHostname().equals(v);
        Pattern p = Pattern.compile(v.startsWith("/") && v.endsWith("/") && v.length() > 2 ? v.substring(1, v.length() - 1) : v);
        return h -> p.matcher(h.getHostname()).find();
    }

    private static Predicate<Host> roleMatcher(String v) {
        if (v.equals("all")) return h -> true;
        if (v.length() > 2 && v.startsWith("/") && v.endsWith("/")) {
            Pattern p = Pattern.compile(v.substring(1, v.length() - 1));
            return h -> h.getRoles().stream().anyMatch(r -> p.matcher(r).find());
        }
        return h -> h.hasRole(v);
    }
}
