package dev.capstan.deploy.service;

import dev.capstan.config.ConfigException;
import dev.capstan.config.Configuration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code service 'web', role: 'app', type: 'unicorn', ...} line: its name, the role whose hosts run it, its type
 * and the remaining options, with the health check {@code health 'web', ...} declared for it (or null).
 */
public record ServiceSpec(String name, String role, String type, Map<String, Object> options, HealthCheck health) {
    /** Where the DSL's {@code service} word records each service, as a plain map. */
    public static final String SERVICES = "capstan_services";
    /** Where the DSL's {@code health} word records each check, as a plain map. */
    public static final String HEALTH = "capstan_health_checks";

    public ServiceSpec {
        options = Map.copyOf(options);
    }

    /** Every declared service, each with its health check; a bad line is named before any host is touched. */
    public static List<ServiceSpec> all(Configuration config) {
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        for (Map<String, Object> h : maps(config, HEALTH)) {
            String name = String.valueOf(h.get("name"));
            checks.put(name, HealthCheck.of(name, h));
        }
        List<ServiceSpec> out = new ArrayList<>();
        for (Map<String, Object> s : maps(config, SERVICES)) {
            String name = String.valueOf(s.get("name"));
            Map<String, Object> opts = new LinkedHashMap<>(s);
            opts.remove("name");
            String at = opts.remove("location") instanceof String l ? l + ": " : "";
            String type = str(opts.remove("type"));
            if (type == null) throw new ConfigException(at + "service '" + name + "' needs type: (one of " + String.join(", ", ServiceTypes.NAMES) + ")");
            if (!ServiceTypes.NAMES.contains(type)) {
                throw new ConfigException(at + "service '" + name + "': unknown type '" + type + "' (known: " + String.join(", ", ServiceTypes.NAMES) + ")");
            }
            String role = str(opts.remove("role"));
            ServiceSpec spec = new ServiceSpec(name, role == null ? "app" : role, type, opts, checks.remove(name));
            ServiceTypes.of(type).check(spec, at);
            out.add(spec);
        }
        if (!checks.isEmpty()) {
            throw new ConfigException("health '" + checks.keySet().iterator().next() + "': no service of that name (declare it with service '...')");
        }
        return out;
    }

    public String option(String key, String fallback) {
        Object v = options.get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    public int seconds(String key, int fallback) {
        Object v = options.get(key);
        if (v == null) return fallback;
        try {
            return v instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new ConfigException("service '" + name + "': " + key + ": must be a whole number of seconds, not '" + v + "'");
        }
    }

    public boolean flag(String key) {
        Object v = options.get(key);
        return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(String.valueOf(v));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Configuration config, String key) {
        Object v = config.fetch(key);
        List<Map<String, Object>> out = new ArrayList<>();
        if (v instanceof List<?> l) for (Object o : l) if (o instanceof Map<?, ?> m) out.add((Map<String, Object>) m);
        return out;
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
