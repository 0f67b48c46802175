package dev.capstan.cli.doctor;

import dev.capstan.config.Configuration;
import dev.capstan.config.Lazy;
import dev.capstan.config.Question;
import dev.capstan.config.Server;
import dev.capstan.output.Masker;
import dev.capstan.task.TaskNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration as doctor shows it: every variable with its value and where it was set, the variables
 * nothing knows (with the nearest known name), and the servers with their roles. Questions are never asked
 * (shown as {@code <ask>}); secrets are masked; run-state variables are left out.
 */
record VariableReport(List<Variable> variables, List<Unknown> unknown, List<ServerRow> servers) {
    record Variable(String name, String value, String origin) {}

    record Unknown(String name, String origin, String nearest) {}

    record ServerRow(String host, String user, Integer port, List<String> roles, Map<String, Object> properties) {}

    static VariableReport of(Configuration config, KnownVariables known, Masker masker) {
        List<Variable> vars = new ArrayList<>();
        List<Unknown> unknown = new ArrayList<>();
        for (String key : new TreeMap<>(asMap(config)).keySet()) {
            if (KnownVariables.internal(key)) continue;
            String origin = config.originOf(key);
            vars.add(new Variable(key, masker.mask(shown(config, key)), origin));
            if (!known.knows(key) && origin != null && !origin.startsWith("default of plugin")) {
                List<String> near = TaskNames.nearest(key, known.all());
                unknown.add(new Unknown(key, origin, near.isEmpty() ? null : near.get(0)));
            }
        }
        List<ServerRow> servers = new ArrayList<>();
        for (Server s : config.servers().all()) {
            Map<String, Object> props = new TreeMap<>(s.properties());
            props.replaceAll((k, v) -> masker.mask(String.valueOf(v)));
            servers.add(new ServerRow(s.hostname(), s.user(), s.port(), s.roles().stream().sorted().toList(), props));
        }
        return new VariableReport(vars, unknown, servers);
    }

    private static Map<String, Object> asMap(Configuration config) {
        Map<String, Object> m = new TreeMap<>();
        for (String k : config.keys()) m.put(k, config.raw(k));
        return m;
    }

    /** The value as text: never asks a question; a lazy value is computed (its error shown instead). */
    private static String shown(Configuration config, String key) {
        Object raw = config.raw(key);
        if (raw instanceof Question q && !q.isAsked()) return "<ask>";
        if (config.isSecret(key)) return raw == null ? "nil" : Masker.MASK;
        Object v = raw;
        if (raw instanceof Lazy) {
            try {
                v = config.fetch(key);
            } catch (RuntimeException e) {
                return "<lazy: " + e.getMessage() + ">";
            }
        }
        return v == null ? "nil" : v instanceof CharSequence ? "\"" + v + "\"" : String.valueOf(v);
    }
}
