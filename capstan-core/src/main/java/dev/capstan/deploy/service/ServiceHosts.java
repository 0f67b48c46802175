package dev.capstan.deploy.service;

import dev.capstan.remote.Host;
import dev.capstan.task.TaskContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which services run on which host (by their role), after the run's host filters. */
final class ServiceHosts {
    private ServiceHosts() {}

    /** Host to the services its roles give it, hosts in the order their roles list them. */
    static Map<Host, List<ServiceSpec>> of(TaskContext ctx, List<ServiceSpec> specs) {
        Map<String, Host> byLabel = new LinkedHashMap<>();
        Map<String, List<ServiceSpec>> services = new LinkedHashMap<>();
        for (ServiceSpec s : specs) {
            for (Host h : ctx.config().filters().apply(ctx.roles(s.role()))) {
                byLabel.putIfAbsent(h.label(), h);
                services.computeIfAbsent(h.label(), k -> new ArrayList<>()).add(s);
            }
        }
        Map<Host, List<ServiceSpec>> out = new LinkedHashMap<>();
        byLabel.forEach((label, h) -> out.put(h, services.get(label)));
        return out;
    }

    static ServiceTarget target(TaskContext ctx, ServiceSpec spec) {
        String d = ctx.config().require("deploy_to");
        String deployTo = d.length() > 1 && d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
        Object env = ctx.config().fetch("rails_env");
        if (env == null) env = ctx.config().fetch("rack_env");
        if (env == null) env = ctx.config().fetch("stage", "production");
        return new ServiceTarget(spec, deployTo, String.valueOf(env));
    }
}
