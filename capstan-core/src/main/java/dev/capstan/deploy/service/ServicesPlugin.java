package dev.capstan.deploy.service;

import dev.capstan.config.Variable;
import dev.capstan.plugin.Plugin;
import dev.capstan.task.TaskRegistry;

import java.util.List;

/**
 * {@code use 'services'}: the services declared with {@code service} and {@code health} are restarted, verified,
 * group by group: in a deploy as {@code current} switches, group by group ({@code service:plan_rollout} hands the
 * groups to publishing), after a rollback's switch at {@code deploy:published}; sidekiq is quieted after
 * {@code deploy:starting} and restarted after {@code deploy:failed}. Hooks in through the task registry only.
 */
public final class ServicesPlugin implements Plugin {
    @Override
    public String name() { return "services"; }

    @Override
    public List<Variable> variables() {
        return List.of(
            Variable.choice("restart_in", "parallel", List.of("parallel", "sequence", "groups"), "How services are restarted across hosts."),
            Variable.any("restart_limit", 1, "Hosts per group with restart_in 'groups': a number or a percentage ('25%')."),
            Variable.integer("restart_canary", 0, 0, "Hosts restarted (and verified) alone before the first group."),
            Variable.integer("restart_wait", 0, 0, "Seconds to wait between groups."),
            Variable.bool("rollback_on_failure", false, "Roll every host back to the previous release when a restart is not verified."));
    }

    @Override
    public void defineTasks(TaskRegistry t) {
        ServiceTasks.define(t);
    }

    /** The per-service tasks {@code service:NAME:start|stop|restart|status}; the DSL's {@code service} word calls this. */
    public static void defineServiceTasks(TaskRegistry t, String name) {
        ServiceTasks.defineFor(t, name);
    }

    /** The sudoers lines granting the exact commands the systemd services with {@code sudo: true} run, for doctor. */
    public static List<String> sudoersLines(dev.capstan.config.Configuration config, String user) {
        List<String> out = new java.util.ArrayList<>();
        for (ServiceSpec s : ServiceSpec.all(config)) if (s.type().equals("systemd")) out.addAll(SystemdType.sudoers(s, user));
        return out;
    }

    /** The exact commands the systemd services run with {@code sudo -n}, for doctor to try with {@code sudo -n -l}. */
    public static List<String> sudoCommands(dev.capstan.config.Configuration config) {
        List<String> out = new java.util.ArrayList<>();
        for (ServiceSpec s : ServiceSpec.all(config)) if (s.type().equals("systemd")) out.addAll(SystemdType.sudoCommands(s));
        return out;
    }

    @Override
    public void registerHooks(TaskRegistry t) {
        t.after("deploy:starting", "service:quiet", null);
        t.before("deploy:publishing", "service:plan_rollout", null);
        t.after("deploy:published", "service:restart", null);
        t.after("deploy:failed", "service:restart_quieted", null);
    }
}
