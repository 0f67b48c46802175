package dev.capstan.deploy.service;

import dev.capstan.deploy.FleetTable;
import dev.capstan.remote.Host;
import dev.capstan.remote.Shell;
import dev.capstan.task.TaskContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hosts × (release, service state) table: what {@code current} points to on each host, and each service's
 * state with the release its process runs in (from {@code /proc/PID/cwd}). Read fresh from the hosts.
 */
final class FleetState {
    private FleetState() {}

    static String table(TaskContext ctx, Map<Host, List<ServiceSpec>> hosts, List<ServiceSpec> specs) {
        Map<String, String> current = new ConcurrentHashMap<>();
        ServiceActions status = new ServiceActions();
        String deployTo = ServiceHosts.target(ctx, specs.get(0)).deployTo();
        try {
            ctx.on(hosts.keySet(), Map.of("on_error", "continue"), r -> current.put(r.host().label(),
                    r.capture("basename \"$(readlink " + Shell.escape(deployTo + "/current") + ")\"").strip()));
        } catch (RuntimeException e) {
            // unreachable hosts show as unknown below
        }
        status.run(ctx, hosts, "status", ServiceScripts::status);
        FleetTable t = new FleetTable();
        for (Host h : hosts.keySet()) {
            List<String> row = new ArrayList<>(List.of(h.label(), current.getOrDefault(h.label(), "unknown")));
            Map<String, String> states = status.states.getOrDefault(h.label(), Map.of());
            for (ServiceSpec s : specs) {
                boolean here = hosts.get(h).contains(s);
                row.add(!here ? "-" : status.errors.containsKey(h.label()) ? "unknown: " + status.errors.get(h.label()) : states.getOrDefault(s.name(), "unknown"));
            }
            t.row(row.toArray(String[]::new));
        }
        List<String> header = new ArrayList<>(List.of("HOST", "RELEASE"));
        specs.forEach(s -> header.add(s.name().toUpperCase()));
        return t.render(header.toArray(String[]::new));
    }
}
