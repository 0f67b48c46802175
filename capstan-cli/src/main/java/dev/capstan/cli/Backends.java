package dev.capstan.cli;

import dev.capstan.config.Configuration;
import dev.capstan.remote.Backend;
import dev.capstan.remote.BackendProvider;
import dev.capstan.remote.CommandMap;
import dev.capstan.remote.RemoteSettings;
import dev.capstan.remote.Secrets;
import dev.capstan.remote.backend.local.LocalBackend;
import dev.capstan.remote.backend.printer.PrinterBackend;
import dev.capstan.remote.event.EventListener;

import java.time.Duration;
import java.util.Map;

/** Chooses backends and remote settings from the configuration: printer for a dry run, local or SSH otherwise. */
final class Backends {
    private Backends() {}

    /** The backends of one run; closing it closes the SSH connections. */
    record Opened(BackendProvider provider, Backend ssh) implements AutoCloseable {
        @Override
        public void close() {
            if (ssh != null) ssh.close();
        }
    }

    static Opened open(Configuration config, boolean dryRun, EventListener events) {
        if (dryRun) {
            Backend printer = new PrinterBackend(config.fetchBoolean("dry_run_test_answer", true));
            return new Opened(host -> printer, null);
        }
        Backend ssh = SshBackends.create(config, events);
        return new Opened(BackendProvider.of(ssh, new LocalBackend()), ssh);
    }

    static RemoteSettings settings(Configuration config, Secrets secrets) {
        CommandMap map = new CommandMap();
        if (config.fetch("command_map") instanceof Map<?, ?> m) m.forEach((k, v) -> mapOne(map, String.valueOf(k), v));
        if (config.fetch("command_map_prefix") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> { if (v instanceof Iterable<?> words) words.forEach(w -> map.prefix(String.valueOf(k)).add(String.valueOf(w))); });
        }
        Map<String, ?> env = config.fetch("default_env") instanceof Map<?, ?> e ? stringKeys(e) : Map.of();
        Object timeout = config.fetch("command_timeout");
        Duration t = timeout == null ? null : Duration.ofMillis((long) (Double.parseDouble(String.valueOf(timeout)) * 1000));
        return new RemoteSettings(map, env, t, null, secrets);
    }

    /** A closure in the DSL's command_map arrives as a function, called for each command. */
    @SuppressWarnings("unchecked")
    private static void mapOne(CommandMap map, String name, Object value) {
        if (value instanceof java.util.function.Function<?, ?> f) map.map(name, (java.util.function.Function<String, String>) f);
        else map.map(name, String.valueOf(value));
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
