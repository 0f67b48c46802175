package dev.capstan.plugin;

import dev.capstan.config.CoreVariables;
import dev.capstan.config.Variable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every declared variable and who declares it: Capstan's own ({@link CoreVariables}, owner "capstan") and each
 * plugin's ({@link Plugin#variables()}). The check before connecting, {@code doctor} and the docs read it.
 */
public final class VariableCatalog {
    /** A declaration and the plugin it comes from ("capstan" for Capstan's own). */
    public record Entry(String owner, Variable variable) {}

    private final List<Entry> entries;

    private VariableCatalog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Capstan's variables and those of every plugin on the class path. */
    public static VariableCatalog all() {
        List<Entry> out = core();
        for (Plugin p : ServiceLoader.load(Plugin.class, VariableCatalog.class.getClassLoader())) add(out, p);
        return new VariableCatalog(out);
    }

    /** Capstan's variables and those of the given plugins (a project's {@code use} list). */
    public static VariableCatalog of(List<Plugin> plugins) {
        List<Entry> out = core();
        plugins.forEach(p -> add(out, p));
        return new VariableCatalog(out);
    }

    public List<Entry> entries() { return entries; }

    /** One declaration per name (the first: a name several plugins declare, e.g. repo_url, has one meaning). */
    public Map<String, Entry> byName() {
        Map<String, Entry> out = new LinkedHashMap<>();
        entries.forEach(e -> out.putIfAbsent(e.variable().name(), e));
        return out;
    }

    /** The owners declaring {@code name}, e.g. [scm/git, scm/svn]; empty when nobody does. */
    public List<String> owners(String name) {
        return entries.stream().filter(e -> e.variable().name().equals(name)).map(Entry::owner).distinct().toList();
    }

    private static List<Entry> core() {
        List<Entry> out = new ArrayList<>();
        CoreVariables.ALL.forEach(v -> out.add(new Entry("capstan", v)));
        return out;
    }

    private static void add(List<Entry> out, Plugin p) {
        p.variables().forEach(v -> out.add(new Entry(p.name(), v)));
    }
}
