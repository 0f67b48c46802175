package dev.capstan.task;

import dev.capstan.config.Configuration;
import dev.capstan.remote.Host;
import dev.capstan.remote.HostBlock;
import dev.capstan.remote.RunMode;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a task body can do: read and set configuration, run blocks on hosts, run locally, invoke
 * other tasks, log. The same API serves users' tasks and the built-in deploy recipes.
 */
public final class TaskContext {
    private final TaskRunner runner;
    private final String taskName;
    private final List<String> chain;

    TaskContext(TaskRunner runner, String taskName, List<String> chain) {
        this.runner = runner;
        this.taskName = taskName;
        this.chain = chain;
    }

    public String taskName() { return taskName; }

    public Configuration config() { return runner.config(); }

    public TaskRunner runner() { return runner; }

    /** Runs {@code block} on the hosts (after the run's host filters), in parallel. */
    public void on(Collection<Host> hosts, HostBlock block) {
        on(hosts, Map.of(), block);
    }

    /**
     * {@code on(hosts, in: 'groups', limit: 2, wait: 1) { ... }}; {@code on_error: 'continue'} lets the other hosts
     * go on when one fails (the block still fails at the end, listing every error).
     */
    public void on(Collection<Host> hosts, Map<String, ?> options, HostBlock block) {
        List<Host> filtered = config().filters().apply(List.copyOf(hosts));
        boolean stopOthers = !"continue".equals(String.valueOf(options.get("on_error")));
        runner.coordinator().on(filtered, RunMode.of(options), block, stopOthers);
    }

    public void on(Host host, HostBlock block) {
        on(List.of(host), Map.of(), block);
    }

    /** Runs {@code block} on this machine. */
    public void runLocally(HostBlock block) {
        runner.coordinator().on(List.of(Host.local()), RunMode.PARALLEL, block);
    }

    /** Servers with any of the roles (not narrowed by host filters, as in Capistrano). */
    public List<Host> roles(String... names) {
        return config().servers().roles(List.of(names), Map.of());
    }

    public List<Host> releaseRoles(String... names) {
        return config().servers().releaseRoles(List.of(names));
    }

    public Host primary(String role) {
        return config().servers().primary(role);
    }

    public void invoke(String task) { runner.invokeFromTask(task, null, chain); }

    public void invokeAgain(String task) { runner.invokeAgain(task, chain); }

    /** A hook of this task: runs {@code task} as part of this one (a cycle through hooks is found and named). */
    void invokeHook(String task) { runner.invoke(task, chain); }

    public void log(Verbosity level, Object message) {
        runner.coordinator().events().on(new Event.LogMessage(Instant.now(), null, level, String.valueOf(message).strip()));
    }

    public void info(Object message) { log(Verbosity.INFO, message); }

    public void warn(Object message) { log(Verbosity.WARN, message); }

    public void error(Object message) { log(Verbosity.ERROR, message); }

    public void debug(Object message) { log(Verbosity.DEBUG, message); }
}
