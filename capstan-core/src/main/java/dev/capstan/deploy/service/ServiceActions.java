package dev.capstan.deploy.service;

import dev.capstan.remote.Host;
import dev.capstan.remote.HostFailure;
import dev.capstan.remote.OnFailedException;
import dev.capstan.remote.Remote;
import dev.capstan.task.TaskContext;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Runs one action of every service on a set of hosts, all hosts at once, without stopping the others when one
 * fails; keeps what each host's services report ({@code running PID (RELEASE)}, or why they failed) for the tables.
 */
final class ServiceActions {
    /** Host label to service name to its state. */
    final Map<String, Map<String, String>> states = new ConcurrentHashMap<>();
    /** Host label to the first error there. */
    final Map<String, String> errors = new ConcurrentHashMap<>();

    void run(TaskContext ctx, Map<Host, List<ServiceSpec>> hosts, String action, Function<ServiceTarget, String> script) {
        if (hosts.isEmpty()) return;
        try {
            ctx.on(hosts.keySet(), Map.of("on_error", "continue"), r -> {
                for (ServiceSpec s : hosts.get(r.host())) {
                    ServiceTarget t = ServiceHosts.target(ctx, s);
                    String sh = script.apply(t);
                    if (sh == null) continue;
                    if (action.equals("restart")) r.info(ServiceScripts.describe(t));
                    try {
                        record(r, s, r.capture(Map.of("verbosity", "INFO"), sh));
                    } catch (RuntimeException e) {
                        state(r.host(), s, action + " failed: " + lastLine(e));
                        throw e;
                    }
                }
            });
        } catch (OnFailedException e) {
            for (HostFailure f : e.failures()) errors.putIfAbsent(f.host().label(), lastLine(f.error()));
        }
    }

    private void record(Remote r, ServiceSpec s, String out) {
        String line = out.lines().filter(l -> l.startsWith("service ")).reduce((a, b) -> b).orElse("service unknown");
        String[] w = line.split(" ");
        String state = w.length >= 3 && w[1].equals("running") ? "running " + w[2] + (w.length > 3 ? " (" + w[3] + ")" : "") : w[1];
        state(r.host(), s, state);
    }

    private void state(Host h, ServiceSpec s, String state) {
        states.computeIfAbsent(h.label(), k -> new TreeMap<>()).put(s.name(), state);
    }

    static String lastLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        return m.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(m).strip();
    }
}
