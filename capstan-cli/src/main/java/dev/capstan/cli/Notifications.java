package dev.capstan.cli;

import dev.capstan.config.ConfigException;
import dev.capstan.config.Configuration;
import dev.capstan.config.Lazy;
import dev.capstan.output.notify.DeployFacts;
import dev.capstan.output.notify.Notifiers;
import dev.capstan.output.notify.NotifyListener;
import dev.capstan.remote.Host;
import dev.capstan.remote.event.EventListener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Wires the DSL's {@code notify} declarations in as an event listener beside the output (never in a dry run).
 * Lazy option values ({@code secret('slack_webhook')}) are read now, so a bad notifier fails before any host is
 * touched; webhook URLs and passwords are registered as secrets, so no output shows them.
 */
final class Notifications {
    static final String VARIABLE = "capstan_notifiers";

    private Notifications() {}

    static EventListener wire(Configuration config, EventListener output, boolean dryRun) {
        if (dryRun || !(config.fetch(VARIABLE) instanceof Collection<?> specs) || specs.isEmpty()) return output;
        List<NotifyListener.Registered> notifiers = new ArrayList<>();
        for (Object o : specs) {
            Map<?, ?> spec = (Map<?, ?>) o;
            String type = String.valueOf(spec.get("type"));
            String location = spec.get("location") == null ? null : String.valueOf(spec.get("location"));
            Map<String, Object> options = resolve((Map<?, ?>) spec.get("options"));
            hideSecrets(config, options);
            try {
                notifiers.add(new NotifyListener.Registered(Notifiers.create(type, options, location),
                        new LinkedHashSet<>(strings(spec.get("on"))), location));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        NotifyListener notify = new NotifyListener(notifiers, () -> facts(config), output);
        return EventListener.all(List.of(output, notify));
    }

    private static DeployFacts facts(Configuration c) {
        List<Host> hosts = c.filters().apply(c.servers().all().stream().map(s -> s.toHost()).toList());
        return new DeployFacts(c.fetchString("application"), c.fetchString("stage"), c.fetchString("release_timestamp"),
                c.fetchString("current_revision"), c.fetchString("local_user"), hosts.stream().map(Host::getHostname).toList());
    }

    /** Every value of a secret option (webhook, url, password, headers), at any depth, becomes a masked secret. */
    private static void hideSecrets(Configuration config, Map<?, ?> options) {
        options.forEach((k, v) -> {
            if (Notifiers.SECRET_OPTIONS.contains(String.valueOf(k))) hideAll(config, v);
            else if (v instanceof Map<?, ?> m) hideSecrets(config, m);
        });
    }

    private static void hideAll(Configuration config, Object v) {
        if (v instanceof Map<?, ?> m) {
            m.values().forEach(x -> hideAll(config, x));
        } else if (v != null) {
            String key = "capstan_notify_secret_" + config.keys().size();
            config.set(key, String.valueOf(v));
            config.secret(key);
        }
    }

    private static Map<String, Object> resolve(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (m != null) m.forEach((k, v) -> out.put(String.valueOf(k), value(v)));
        return out;
    }

    private static Object value(Object v) {
        Object x = v;
        for (int i = 0; x instanceof Lazy lazy && i < 100; i++) x = lazy.evaluate();
        if (x instanceof Map<?, ?> m) return resolve(m);
        return x;
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof Collection<?> c) c.forEach(x -> out.add(String.valueOf(x)));
        else if (v != null) out.add(String.valueOf(v));
        return out;
    }
}
