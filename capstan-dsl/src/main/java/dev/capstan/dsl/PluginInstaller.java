package dev.capstan.dsl;

import dev.capstan.config.Configuration;
import dev.capstan.plugin.Plugin;
import dev.capstan.plugin.Plugins;
import dev.capstan.task.TaskRegistry;

import java.util.ArrayList;
import java.util.List;

/** {@code use 'name'}: tasks and hooks now; defaults once the Capfile is read (Capistrano's load:defaults). */
final class PluginInstaller {
    private final TaskRegistry tasks;
    private final List<Plugin> installed = new ArrayList<>();

    PluginInstaller(TaskRegistry tasks) {
        this.tasks = tasks;
    }

    void install(String name, String location) {
        if (installed.stream().anyMatch(p -> p.name().equals(name))) return;
        Plugin p = Plugins.find(name).orElseThrow(() -> new DslException((location == null ? "" : location + ": ")
                + "unknown plugin '" + name + "' (available: " + String.join(", ", Plugins.names()) + ")"));
        p.defineTasks(tasks);
        p.registerHooks(tasks);
        installed.add(p);
    }

    void applyDefaults(Configuration config) {
        for (Plugin p : installed) {
            java.util.Set<String> before = config.keys();
            p.setDefaults(config);
            for (String key : config.keys()) if (!before.contains(key)) config.origin(key, "default of plugin '" + p.name() + "'");
        }
    }

    List<String> names() { return installed.stream().map(Plugin::name).toList(); }
}
