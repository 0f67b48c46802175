package dev.capstan.deploy.service;

import dev.capstan.config.ConfigException;

import java.util.ArrayList;
import java.util.List;

/**
 * How hosts are split into restart groups: {@code restart_in} parallel (one group), sequence (one host at a time) or
 * groups of {@code restart_limit} (a number, or a percentage of the hosts rounded down, at least 1), after an optional
 * canary group of {@code restart_canary} hosts. Pure.
 */
public final class Rollout {
    private Rollout() {}

    public static <T> List<List<T>> groups(List<T> hosts, String mode, Object limit, int canary) {
        List<List<T>> out = new ArrayList<>();
        if (hosts.isEmpty()) return out;
        int size;
        switch (mode) {
            case "parallel": size = hosts.size(); break;
            case "sequence": size = 1; break;
            case "groups": size = size(limit, hosts.size()); break;
            default: throw new ConfigException("variable 'restart_in' must be parallel, sequence or groups, not '" + mode + "'");
        }
        if (canary < 0) throw new ConfigException("variable 'restart_canary' must be 0 or more, not " + canary);
        int i = Math.min(canary, hosts.size());
        if (i > 0) out.add(List.copyOf(hosts.subList(0, i)));
        for (; i < hosts.size(); i += size) out.add(List.copyOf(hosts.subList(i, Math.min(hosts.size(), i + size))));
        return out;
    }

    /** {@code restart_limit}: 2 or '25%' (of {@code count} hosts, rounded down, at least 1). */
    static int size(Object limit, int count) {
        String v = limit == null ? "1" : String.valueOf(limit).strip();
        try {
            if (v.endsWith("%")) {
                double pct = Double.parseDouble(v.substring(0, v.length() - 1));
                if (pct <= 0 || pct > 100) throw new NumberFormatException();
                return Math.max(1, (int) Math.floor(count * pct / 100));
            }
            int n = Integer.parseInt(v);
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException("variable 'restart_limit' must be a number of hosts (at least 1) or a percentage like '25%', not '" + v + "'");
        }
    }
}
