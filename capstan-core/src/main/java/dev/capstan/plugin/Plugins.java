package dev.capstan.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds plugins by name among those on the class path ({@code META-INF/services/dev.capstan.plugin.Plugin}). */
public final class Plugins {
    private Plugins() {}

    public static Optional<Plugin> find(String name) {
        for (Plugin p : ServiceLoader.load(Plugin.class, Plugins.class.getClassLoader())) {
            if (p.name().equals(name)) return Optional.of(p);
        }
        return Optional.empty();
    }

    public static List<String> names() {
        List<String> out = new ArrayList<>();
        ServiceLoader.load(Plugin.class, Plugins.class.getClassLoader()).forEach(p -> out.add(p.name()));
        return out.stream().sorted().toList();
    }
}
