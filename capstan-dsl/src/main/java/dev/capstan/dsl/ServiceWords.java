package dev.capstan.dsl;

import dev.capstan.config.Configuration;
import dev.capstan.deploy.service.ServiceSpec;
import dev.capstan.deploy.service.ServicesPlugin;
import dev.capstan.task.TaskRegistry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code service 'web', role: 'app', type: 'unicorn', ...} and {@code health 'web', http: '...', expect: 200}: recorded
 * as plain maps (with the line they came from) for {@code use 'services'} to read; each service gets its
 * {@code service:NAME:start|stop|restart|status} tasks. The options are checked when the services plugin reads them,
 * before any host is touched.
 */
final class ServiceWords {
    private ServiceWords() {}

    static void service(Configuration config, TaskRegistry tasks, String name, Map<String, ?> options, String location) {
        if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
            throw new DslException((location == null ? "" : location + ": ") + "service '" + name + "': a name of letters, digits, '-' or '_'");
        }
        config.append(ServiceSpec.SERVICES, spec(name, options, location));
        ServicesPlugin.defineServiceTasks(tasks, name);
    }

    static void health(Configuration config, String name, Map<String, ?> options, String location) {
        config.append(ServiceSpec.HEALTH, spec(name, options, location));
    }

    private static Map<String, Object> spec(String name, Map<String, ?> options, String location) {
        Map<String, Object> spec = new LinkedHashMap<>(options);
        spec.put("name", name);
        if (location != null) spec.put("location", location);
        return spec;
    }
}
