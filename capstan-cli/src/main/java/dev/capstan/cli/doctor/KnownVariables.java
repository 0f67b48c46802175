package dev.capstan.cli.doctor;

import dev.capstan.config.Configuration;
import dev.capstan.plugin.Plugin;
import dev.capstan.plugin.Plugins;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variable names something knows: Capstan itself (the table below, which a declaration table in
 * {@code config} can replace), the defaults of the plugins in use, and every name the project's own DSL files
 * read with {@code fetch}: a variable read only by a task that did not run is still known (Capistrano's doctor
 * warns about those, #1852).
 */
final class KnownVariables {
    /** Read by core, the CLI and the built-in recipes; names set only as run state are in {@link #INTERNAL}. */
    static final List<String> CORE = List.of(
            "application", "branch", "command_map", "command_timeout", "current_directory", "default_env",
            "deploy_config_path", "deploy_to", "dry_run_test_answer", "filter", "format", "format_options",
            "git_environmental_variables", "git_max_concurrent_connections", "git_shallow_clone", "git_wait_interval",
            "hg_revision", "keep_releases", "linked_dirs", "linked_files", "local_user", "lock_ttl", "log_file", "log_level",
            "pty", "releases_directory", "repo_path", "repo_tree", "repo_url", "revision_log_message", "scm",
            "shared_directory", "ssh_options", "stage", "stage_config_path", "svn_password", "svn_revision",
            "svn_username", "symlinks", "tmp_dir",
            // doctor's own settings
            "doctor_tools", "doctor_min_free_mb", "doctor_max_clock_skew");

    /** Run state a deploy sets for itself: never shown by doctor. */
    static final Set<String> INTERNAL = Set.of("deploying", "release_path", "release_timestamp",
            "rollback_release", "current_revision", "current_revision_time", "previous_revision", "print_config_variables",
            "force_unlock");

    private final Set<String> names = new TreeSet<>(CORE);

    KnownVariables(List<String> pluginNames, Set<String> fetchedByProject) {
        for (String p : pluginNames) {
            Plugin plugin = Plugins.find(p).orElse(null);
            if (plugin == null) continue;
            Configuration scratch = new Configuration();
            plugin.setDefaults(scratch);
            names.addAll(scratch.keys());
            plugin.variables().forEach(v -> names.add(v.name())); // declared ones too, defaults or not
        }
        names.addAll(fetchedByProject);
    }

    static boolean internal(String key) {
        return key.startsWith("capstan_") || INTERNAL.contains(key);
    }

    boolean knows(String key) { return names.contains(key); }

    List<String> all() { return List.copyOf(names); }
}
