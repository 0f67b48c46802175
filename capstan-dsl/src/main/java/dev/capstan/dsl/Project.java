package dev.capstan.dsl;

import dev.capstan.config.Configuration;
import dev.capstan.task.TaskRegistry;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded project: its root (where the Capfile is, or null without one), the configuration, the tasks
 * and the stages that exist.
 */
public record Project(Path root, Configuration config, TaskRegistry tasks, List<String> stages, List<String> plugins) {}
