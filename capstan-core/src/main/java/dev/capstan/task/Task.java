package dev.capstan.task;

import java.util.ArrayList;
import java.util.List;

/**
 * A named unit of work: prerequisites run first (each at most once per run), then the actions in the
 * order they were added. Defining a task again adds to it, as Rake does.
 */
public final class Task {
    private final String name;
    private String description;
    private final List<String> prerequisites = new ArrayList<>();
    private final List<TaskAction> actions = new ArrayList<>();
    private final List<String> locations = new ArrayList<>();
    private final List<String> afterHooks = new ArrayList<>();
    private boolean defined;

    Task(String name) {
        this.name = name;
    }

    public String name() { return name; }

    /** The description from {@code desc}, or null. */
    public synchronized String description() { return description; }

    public synchronized List<String> prerequisites() { return List.copyOf(prerequisites); }

    public synchronized List<TaskAction> actions() { return List.copyOf(actions); }

    /** Where the task was defined or extended ({@code file:line}), for {@code -P} and error messages. */
    public synchronized List<String> locations() { return List.copyOf(locations); }

    /** Tasks hooked with {@code after}, in order (for {@code -P}). */
    public synchronized List<String> afterHooks() { return List.copyOf(afterHooks); }

    synchronized void addAfterHook(String name) { afterHooks.add(name); }

    /** False for a name that is only the target of a hook so far. */
    public synchronized boolean isDefined() { return defined; }

    synchronized void define(String desc, List<String> prereqs, TaskAction action, String location) {
        defined = true;
        if (desc != null) description = desc;
        for (String p : prereqs) if (!prerequisites.contains(p)) prerequisites.add(p);
        if (action != null) actions.add(action);
        if (location != null) locations.add(location);
    }

    synchronized void addPrerequisite(String prereq) {
        if (!prerequisites.contains(prereq)) prerequisites.add(prereq);
    }

    synchronized void addAction(TaskAction action) { actions.add(action); }

    synchronized void clearActions() { actions.clear(); }

    synchronized void clear() {
        actions.clear();
        prerequisites.clear();
        description = null;
    }
}
