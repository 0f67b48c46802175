package dev.capstan.task;

import dev.capstan.config.Configuration;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Invokes tasks with Rake's rules: prerequisites first, each task at most once per run unless
 * invoked again with {@link #invokeAgain}; a cycle is an error that names it.
 *
 * <p>Each task has a lock of its own (as Rake's tasks do), not the runner: a task body may {@code invoke} another
 * task from inside an {@code on} block, on the host threads, while the invoking task waits for them. The chain of
 * tasks that led to an invocation travels with the {@link TaskContext}, so cycles are found on any thread.
 */
public final class TaskRunner {
    private final TaskRegistry registry;
    private final Configuration config;
    private final Coordinator coordinator;
    private final EventListener events;
    private final Consumer<String> trace;
    private final Consumer<String> warnings;
    private final Set<String> invoked = ConcurrentHashMap.newKeySet();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> state = new ConcurrentHashMap<>();

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

    /**
     * The run's own object of {@code type}, created on first use: where a recipe keeps what it learns during
     * this run (never in the user's configuration). A new runner is a new run.
     */
    public <T> T state(Class<T> type, java.util.function.Supplier<T> create) {
        return type.cast(state.computeIfAbsent(type, k -> create.get()));
    }

    /** The locks recipes registered as this run's state ({@link HeldLock}), for the CLI to report. */
    public List<HeldLock> heldLocks() {
        return state.values().stream().filter(HeldLock.class::isInstance).map(HeldLock.class::cast).toList();
    }

    /** Runs the tasks named on the command line, in order; then the {@link TaskRegistry#ensure ensured} tasks that are needed. */
    public void runAll(List<String> names) {
        for (String n : names) registry.require(n);
        try {
            for (String n : names) invoke(n);
        } catch (RuntimeException e) {
            coordinator.handlingFailure(() -> {
                try {
                    runEnsured();
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            });
            throw e;
        }
        coordinator.handlingFailure(this::runEnsured);
    }

    /** Runs every ensured task whose condition holds now (each at most once per call, even if it ran before). */
    public void runEnsured() {
        RuntimeException first = null;
        for (var e : registry.ensured().entrySet()) {
            if (registry.find(e.getKey()).isEmpty() || !e.getValue().test(this)) continue;
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
    public void invoke(String name) {
        invoke(name, List.of());
    }

    /** {@code invoke!}: runs the task even if it already ran. */
    public void invokeAgain(String name) {
        invokeAgain(name, List.of());
    }

    void invokeAgain(String name, List<String> chain) {
        invoked.remove(name);
        invoke(name, chain);
    }

    /** Explicit {@code invoke} from a task body: a repeat is skipped with Capistrano's warning. */
    public void invokeFromTask(String name, String location) {
        invokeFromTask(name, location, List.of());
    }

    void invokeFromTask(String name, String location, List<String> chain) {
        if (invoked.contains(name)) {
            warnings.accept("Skipping task `" + name + "'.\nCapstan tasks may only be invoked once. Since task `" + name
                    + "' was previously invoked, invoke('" + name + "')" + (location == null ? "" : " at " + location)
                    + " will be skipped.\nIf you really meant to run this task again, use invoke_again('" + name + "')");
            // still running further up this chain (its lock is held by the thread waiting for us): nothing to wait for
            if (chain.contains(name)) return;
        }
        // as Capistrano's invoke: another thread may be running it right now; this waits for that run, then returns
        invoke(name, chain);
    }

    public boolean hasRun(String name) { return invoked.contains(name); }

    /** Allows a task to run again later in this run (Rake's reenable). */
    public void reenable(String name) { invoked.remove(name); }

    /** Runs {@code name} with its prerequisites; {@code chain} is the tasks that led here, outermost first. */
    void invoke(String name, List<String> chain) {
        Task task = registry.require(name);
        if (chain.contains(name)) {
            List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(name), chain.size()));
            cycle.add(name);
            throw new TaskException("Circular dependency detected: " + String.join(" => ", cycle));
        }
        // a second caller (another host thread) waits until the first has run the task, then finds it done
        ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
        lock.lock();
        try {
            if (!invoked.add(name)) return;
            trace.accept("** Invoke " + name + " (first_time)");
            List<String> inner = new ArrayList<>(chain);
            inner.add(name);
            List<String> innerChain = List.copyOf(inner);
            for (String p : task.prerequisites()) invoke(p, innerChain);
            execute(task, innerChain);
        } finally {
            lock.unlock();
        }
    }

    private void execute(Task task, List<String> chain) {
        List<TaskAction> actions = task.actions();
        if (actions.isEmpty()) return;
        trace.accept("** Execute " + task.name());
        Instant start = Instant.now();
        events.on(new Event.TaskStarted(start, task.name()));
        boolean ok = false;
        try {
            TaskContext ctx = new TaskContext(this, task.name(), chain);
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
