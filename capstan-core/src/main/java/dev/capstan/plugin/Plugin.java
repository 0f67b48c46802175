package dev.capstan.plugin;

import dev.capstan.config.Configuration;
import dev.capstan.task.TaskRegistry;

/**
 * A bundle of defaults, tasks and hooks, as Capistrano's plugins: {@code use 'deploy'} in the Capfile
 * installs one. Built-in recipes use only this public API.
 */
public interface Plugin {
    /** The name used in the Capfile ({@code use 'scm/git'}). */
    String name();

    /** Defaults set with {@code setIfEmpty}, applied after the Capfile and before config/deploy.groovy. */
    default void setDefaults(Configuration config) {}

    default void defineTasks(TaskRegistry tasks) {}

    default void registerHooks(TaskRegistry tasks) {}
}
