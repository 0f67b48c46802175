package dev.capstan.deploy.service;

import dev.capstan.remote.Host;
import dev.capstan.task.TaskContext;
import dev.capstan.task.TaskRegistry;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The tasks: {@code service:restart} (the rolling restart), {@code service:status} (hosts × services),
 * {@code service:quiet}, {@code service:restart_quieted}, the group hooks, and per service
 * {@code service:NAME:start|stop|restart|status}, defined when the configuration names its services.
 */
final class ServiceTasks {
    private ServiceTasks() {}

    static void define(TaskRegistry t) {
        t.define("service:restart", "Restart every service, group by group, each verified", RollingRestart::run);
        t.define("service:plan_rollout", null, RollingRestart::plan);
        t.define("service:status", "Show each host's release and services", ctx -> {
            List<ServiceSpec> specs = ServiceSpec.all(ctx.config());
            if (specs.isEmpty()) ctx.info("no services declared");
            else ctx.info("\n" + FleetState.table(ctx, ServiceHosts.of(ctx, specs), specs));
        });
        t.define("service:quiet", "Quiet the services that have a quiet (sidekiq: TSTP)", ctx -> all(ctx, "quiet", ServiceScripts::quiet, s -> true));
        t.define("service:restart_quieted", "Restart the services quieted at deploy:starting", ctx -> {
            if (ctx.runner().hasRun("service:quiet")) all(ctx, "restart", ServiceScripts::restart, s -> s.type().equals("sidekiq"));
        });
        t.define("service:before_restart", "Runs before each group's restart (restart_hosts names the group)", null);
        t.define("service:after_restart", "Runs after each group's verified restart (restart_hosts names the group)", null);
    }

    /** Defines service:NAME:start|stop|restart|status (the DSL's {@code service} word calls this for each service). */
    static void defineFor(TaskRegistry t, String name) {
        define(t, name, "start", ServiceScripts::start);
        define(t, name, "stop", ServiceScripts::stop);
        define(t, name, "restart", ServiceScripts::restart);
        t.define("service:" + name + ":status", "Show " + name + " on each host", ctx -> {
            List<ServiceSpec> one = named(ctx, name);
            ctx.info("\n" + FleetState.table(ctx, ServiceHosts.of(ctx, one), one));
        });
    }

    private static void define(TaskRegistry t, String name, String action, Function<ServiceTarget, String> script) {
        t.define("service:" + name + ":" + action, capital(action) + " " + name + " on its hosts", ctx -> run(ctx, named(ctx, name), action, script));
    }

    private static List<ServiceSpec> named(TaskContext ctx, String name) {
        return ServiceSpec.all(ctx.config()).stream().filter(x -> x.name().equals(name)).toList();
    }

    private static void all(TaskContext ctx, String action, Function<ServiceTarget, String> script, java.util.function.Predicate<ServiceSpec> which) {
        run(ctx, ServiceSpec.all(ctx.config()).stream().filter(which).toList(), action, script);
    }

    private static void run(TaskContext ctx, List<ServiceSpec> specs, String action, Function<ServiceTarget, String> script) {
        Map<Host, List<ServiceSpec>> hosts = ServiceHosts.of(ctx, specs);
        ServiceActions a = new ServiceActions();
        a.run(ctx, hosts, action, script);
        if (!a.errors.isEmpty()) {
            throw new ServiceRestartException(action + " failed on " + a.errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
    }

    private static String capital(String s) { return Character.toUpperCase(s.charAt(0)) + s.substring(1); }
}
