package dev.capstan.cli.doctor;

import dev.capstan.config.Configuration;
import dev.capstan.dsl.Project;
import dev.capstan.output.Masker;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.Host;
import dev.capstan.remote.RunMode;
import dev.capstan.remote.backend.ssh.SshBackend;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code capstan STAGE doctor}: the configuration (variables with their origin, unknown names, servers), then
 * the remote checks on every selected host in parallel, as a table with the fix for each failure. Exit status 1
 * when a check failed.
 */
public final class Doctor {
    private Doctor() {}

    /** What doctor found: the configuration and, per host in declaration order, its checks. */
    record Findings(String stage, VariableReport config, Map<Host, List<Check>> hosts) {
        boolean failed() {
            return hosts.values().stream().flatMap(List::stream).anyMatch(c -> c.status() == Check.Status.FAIL);
        }
    }

    /**
     * @param coordinator null checks nothing remotely (no stage given)
     * @param ssh         the SSH backend the coordinator uses, for how each connection was made
     */
    public static int run(Project project, Coordinator coordinator, SshBackend ssh, boolean json, boolean unicode, PrintStream out) {
        Configuration config = project.config();
        Masker masker = new Masker(config::secretValues);
        ProjectScan scan = ProjectScan.of(project.root());
        KnownVariables known = new KnownVariables(project.plugins(), scan.fetched());
        VariableReport report = VariableReport.of(config, known, masker);
        Map<Host, List<Check>> results = new LinkedHashMap<>();
        if (coordinator != null) {
            List<Host> hosts = config.filters().apply(config.servers().all().stream().map(s -> s.toHost()).toList());
            results = checkHosts(hosts, new HostChecks(DoctorSettings.of(config, project.plugins(), scan)), coordinator, ssh);
        }
        Findings f = new Findings(config.fetchString("stage"), report, results);
        if (json) out.println(masker.mask(DoctorJson.render(f)));
        else for (String line : DoctorText.render(f, unicode)) out.println(masker.mask(line));
        return f.failed() ? 1 : 0;
    }

    private static Map<Host, List<Check>> checkHosts(List<Host> hosts, HostChecks checks, Coordinator coordinator, SshBackend ssh) {
        Map<Host, List<Check>> found = new ConcurrentHashMap<>();
        coordinator.on(hosts, new RunMode.Parallel(), r -> {
            List<Check> list = new ArrayList<>(ConnectionChecks.of(r.host(), ssh));
            if (list.stream().noneMatch(c -> c.status() == Check.Status.FAIL)) {
                try {
                    list.addAll(checks.run(r));
                } catch (RuntimeException e) {
                    String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(String.valueOf(e));
                    for (String col : DoctorSettings.COLUMNS) {
                        if (list.stream().noneMatch(c -> c.name().equals(col))) list.add(Check.fail(col, "probe failed: " + why, "try the same by hand: ssh " + r.host().label() + " true"));
                    }
                }
            }
            found.put(r.host(), list);
        }, false);
        Map<Host, List<Check>> ordered = new LinkedHashMap<>();
        for (Host h : hosts) if (found.containsKey(h)) ordered.put(h, found.get(h));
        return ordered;
    }
}
