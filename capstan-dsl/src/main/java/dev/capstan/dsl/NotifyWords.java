package dev.capstan.dsl;

import dev.capstan.config.Configuration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code notify 'slack', webhook: secret('slack_webhook'), on: ['deploy:finished', 'deploy:failed']}: records a
 * notifier for the CLI to wire in as an event listener (notifiers run on the deploying machine only). Kept in the
 * internal variable {@link #VARIABLE} as plain maps: type, options (values may be lazy), on, location.
 */
final class NotifyWords {
    static final String VARIABLE = "capstan_notifiers";
    static final List<String> TYPES = List.of("slack", "webhook", "email");
    static final List<String> DEFAULT_EVENTS = List.of("deploy:finished", "deploy:failed");

    private NotifyWords() {}

    static void declare(Configuration config, String type, Map<String, ?> options, String location) {
        String at = location == null ? "" : location + ": ";
        if (!TYPES.contains(type)) {
            throw new DslException(at + "notify '" + type + "': unknown notifier (known: " + String.join(", ", TYPES) + ")");
        }
        Map<String, Object> opts = new LinkedHashMap<>(options);
        List<String> on = opts.containsKey("on") ? Dsl.strings(opts.remove("on")) : DEFAULT_EVENTS;
        if (on.isEmpty()) throw new DslException(at + "notify '" + type + "': on: names no task, e.g. on: ['deploy:finished']");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", type);
        spec.put("options", opts);
        spec.put("on", on);
        spec.put("location", location);
        config.append(VARIABLE, spec);
    }
}
