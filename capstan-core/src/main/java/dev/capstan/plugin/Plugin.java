package dev.capstan.plugin;

import dev.capstan.config.Configuration;
import dev.capstan.config.Variable;
import dev.capstan.task.TaskRegistry;

import java.util.List;

/**
 * A bundle of defaults, tasks and hooks, as Capistrano's plugins: {@code use 'deploy'} in the Capfile
 * installs one. Built-in recipes use only this public API.
 */
public interface Plugin {
    /** The name used in the Capfile ({@code use 'scm/git'}). */
    String name();

    /**
     * The variables this plugin reads, with type, default and one line of documentation: the check before
     * connecting, {@code doctor} and the docs all read this one table ({@link VariableCatalog}).
     */
    default List<Variable> variables() { return List.of(); }

    /** Defaults set with {@code setIfEmpty}, applied after the Capfile and before config/deploy.groovy. */
    default void setDefaults(Configuration config) {}

    default void defineTasks(TaskRegistry tasks) {}

    default void registerHooks(TaskRegistry tasks) {}
}
