package dev.capstan.task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All tasks of a run by full name ({@code deploy:check}), with Capistrano's hooks:
 * {@code before} adds a prerequisite, {@code after} adds an action that invokes the other task.
 */
public final class TaskRegistry {
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final List<HookRef> hookRefs = new ArrayList<>();
    private final Map<String, java.util.function.Predicate<TaskRunner>> ensured = new LinkedHashMap<>();

    private record HookRef(String from, String to, String location) {}

    /** Defines or extends a task. {@code action} and {@code description} may be null. */
    public synchronized Task define(String name, String description, List<String> prerequisites, TaskAction action, String location) {
        TaskNames.check(name);
        Task t = tasks.computeIfAbsent(name, Task::new);
        t.define(description, prerequisites == null ? List.of() : prerequisites, action, location);
        if (prerequisites != null) prerequisites.forEach(p -> hookRefs.add(new HookRef(name, p, location)));
        return t;
    }

    public Task define(String name, String description, TaskAction action) {
        return define(name, description, List.of(), action, null);
    }

    /** {@code before 'deploy:updated', 'my:task'}: my:task becomes the last prerequisite of deploy:updated. */
    public synchronized void before(String task, String hook, String location) {
        placeholder(task).addPrerequisite(hook);
        hookRefs.add(new HookRef(task, hook, location));
    }

    /** {@code after 'deploy:published', 'my:task'}: deploy:published invokes my:task after its own actions. */
    public synchronized void after(String task, String hook, String location) {
        Task t = placeholder(task);
        t.addAction(ctx -> ctx.invokeHook(hook));
        t.addAfterHook(hook);
        hookRefs.add(new HookRef(task, hook, location));
    }

    /**
     * A task run at the end of every run, whether the run succeeded, failed or was interrupted (Ruby's {@code ensure}),
     * when {@code needed} says there is something left to do: e.g. releasing a deploy lock a run took but never released.
     */
    public synchronized void ensure(String task, java.util.function.Predicate<TaskRunner> needed) {
        ensured.put(task, needed);
    }

    /** The tasks registered with {@link #ensure}, in order. */
    public synchronized Map<String, java.util.function.Predicate<TaskRunner>> ensured() {
        return new LinkedHashMap<>(ensured);
    }

    /**
     * True when the task exists exactly as its recipe declared it: these prerequisites, these after-hooks, its one
     * action, nothing added by anyone else (the question a recipe asks before doing a later step's work early).
     * {@code afterHooks} null: any, for a task whose after-hooks run only after the steps it encloses.
     */
    public synchronized boolean isPlain(String name, List<String> prerequisites, List<String> afterHooks) {
        Task t = tasks.get(name);
        return t != null && t.isDefined() && t.prerequisites().equals(prerequisites)
                && (afterHooks == null || t.afterHooks().equals(afterHooks)) && t.actions().size() == 1 + t.afterHooks().size();
    }

    public synchronized Optional<Task> find(String name) {
        Task t = tasks.get(name);
        return t == null || !t.isDefined() ? Optional.empty() : Optional.of(t);
    }

    /** The task, or an error that suggests the nearest names. */
    public Task require(String name) {
        return find(name).orElseThrow(() -> new TaskException(unknownMessage(name)));
    }

    public synchronized List<Task> all() {
        return tasks.values().stream().filter(Task::isDefined).sorted(Comparator.comparing(Task::name)).toList();
    }

    /** Removes a task's actions (keeps prerequisites), as Rake's clear_actions. */
    public void clearActions(String name) { require(name).clearActions(); }

    /** Removes actions, prerequisites and description, as Rake's clear. */
    public void clear(String name) { require(name).clear(); }

    /** Every hook or prerequisite that names a task nobody defined, as messages with their location. */
    public synchronized List<String> problems() {
        List<String> out = new ArrayList<>();
        for (HookRef ref : hookRefs) {
            Task target = tasks.get(ref.to());
            if (target == null || !target.isDefined()) {
                out.add((ref.location() == null ? "" : ref.location() + ": ") + "task '" + ref.from()
                        + "' refers to '" + ref.to() + "', which is not defined" + suggestion(ref.to()));
            }
            Task from = tasks.get(ref.from());
            if (from != null && !from.isDefined()) {
                out.add((ref.location() == null ? "" : ref.location() + ": ") + "hook on '" + ref.from()
                        + "', which is not defined" + suggestion(ref.from()));
            }
        }
        return out.stream().distinct().toList();
    }

    String unknownMessage(String name) {
        return "Don't know how to build task '" + name + "' (see the list of available tasks with `capstan -T`)" + suggestion(name);
    }

    private String suggestion(String name) {
        List<String> near = TaskNames.nearest(name, all().stream().map(Task::name).toList());
        return near.isEmpty() ? "" : "\nDid you mean?  " + String.join(", ", near);
    }

    private Task placeholder(String name) {
        TaskNames.check(name);
        return tasks.computeIfAbsent(name, Task::new);
    }
}
