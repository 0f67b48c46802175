package dev.capstan.task;

import dev.capstan.config.Configuration;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Invokes tasks with Rake's rules: prerequisites first, each task at most once per run unless
 * invoked again with {@link #invokeAgain}; a cycle is an error that names it.
 */
public final class TaskRunner {
    private final TaskRegistry registry;
    private final Configuration config;
    private final Coordinator coordinator;
    private final EventListener events;
    private final Consumer<String> trace;
    private final Consumer<String> warnings;
    private final Set<String> invoked = new HashSet<>();
    private final Deque<String> stack = new ArrayDeque<>();

    public TaskRunner(TaskRegistry registry, Configuration config, Coordinator coordinator,
                      Consumer<String> trace, Consumer<String> warnings) {
        this.registry = registry;
        this.config = config;
        this.coordinator = coordinator;
        this.events = coordinator.events();
        this.trace = trace;
        this.warnings = warnings;
    }

    public TaskRegistry registry() { return registry; }

    public Configuration config() { return config; }

    public Coordinator coordinator() { return coordinator; }

    /** Runs the tasks named on the command line, in order; then the {@link TaskRegistry#ensure ensured} tasks that are needed. */
    public void runAll(List<String> names) {
        for (String n : names) registry.require(n);
        try {
            for (String n : names) invoke(n);
        } catch (RuntimeException e) {
            try {
                runEnsured();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        runEnsured();
    }

    /** Runs every ensured task whose condition holds now (each at most once per call, even if it ran before). */
    public synchronized void runEnsured() {
        RuntimeException first = null;
        for (var e : registry.ensured().entrySet()) {
            if (registry.find(e.getKey()).isEmpty() || !e.getValue().test(config)) continue;
            try {
                invokeAgain(e.getKey());
            } catch (RuntimeException ex) {
                if (first == null) first = ex;
                else first.addSuppressed(ex);
            }
        }
        if (first != null) throw first;
    }

    /** Runs a task unless it already ran in this run. */
    public synchronized void invoke(String name) {
        invoke(name, false);
    }

    /** {@code invoke!}: runs the task even if it already ran. */
    public synchronized void invokeAgain(String name) {
        invoked.remove(name);
        invoke(name, false);
    }

    /** Explicit {@code invoke} from a task body: a repeat is skipped with Capistrano's warning. */
    public synchronized void invokeFromTask(String name, String location) {
        if (invoked.contains(name)) {
            warnings.accept("Skipping task `" + name + "'.\nCapstan tasks may only be invoked once. Since task `" + name
                    + "' was previously invoked, invoke('" + name + "')" + (location == null ? "" : " at " + location)
                    + " will be skipped.\nIf you really meant to run this task again, use invoke_again('" + name + "')");
            return;
        }
        invoke(name, false);
    }

    public synchronized boolean hasRun(String name) { return invoked.contains(name); }

    /** Allows a task to run again later in this run (Rake's reenable). */
    public synchronized void reenable(String name) { invoked.remove(name); }

    private void invoke(String name, boolean asPrerequisite) {
        Task task = registry.require(name);
        if (stack.contains(name)) {
            List<String> cycle = new ArrayList<>();
            boolean inCycle = false;
            for (var it = stack.descendingIterator(); it.hasNext(); ) {
                String s = it.next();
                if (s.equals(name)) inCycle = true;
                if (inCycle) cycle.add(s);
            }
            cycle.add(name);
            throw new TaskException("Circular dependency detected: " + String.join(" => ", cycle));
        }
        if (invoked.contains(name)) return;
        trace.accept("** Invoke " + name + " (first_time)");
        invoked.add(name);
        stack.push(name);
        try {
            for (String p : task.prerequisites()) invoke(p, true);
            execute(task);
        } finally {
            stack.pop();
        }
    }

    private void execute(Task task) {
        List<TaskAction> actions = task.actions();
        if (actions.isEmpty()) return;
        trace.accept("** Execute " + task.name());
        Instant start = Instant.now();
        events.on(new Event.TaskStarted(start, task.name()));
        boolean ok = false;
        try {
            TaskContext ctx = new TaskContext(this, task.name());
            for (TaskAction a : actions) a.run(ctx);
            ok = true;
        } catch (TaskException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TaskFailedException(task.name(), e);
        } catch (Exception e) {
            throw new TaskFailedException(task.name(), e);
        } finally {
            events.on(new Event.TaskFinished(Instant.now(), task.name(), Duration.between(start, Instant.now()), ok));
        }
    }
}
