package dev.capstan.cli;

import dev.capstan.config.ConfigException;
import dev.capstan.config.Configuration;
import dev.capstan.remote.Backend;
import dev.capstan.remote.backend.ssh.SshBackend;
import dev.capstan.remote.backend.ssh.SshSettings;
import dev.capstan.remote.event.EventListener;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the SSH backend from the {@code ssh_options} variable. */
final class SshBackends {
    private SshBackends() {}

    static Backend create(Configuration config, EventListener events) {
        Object raw = config.fetch("ssh_options", Map.of());
        if (!(raw instanceof Map<?, ?> m)) throw new ConfigException("variable 'ssh_options' must be a map, e.g. set 'ssh_options', [forward_agent: true]");
        Map<String, Object> options = new LinkedHashMap<>();
        m.forEach((k, v) -> options.put(String.valueOf(k), v));
        if (options.get("password") != null) config.set("capstan_ssh_password", options.get("password"));
        config.secret("capstan_ssh_password");
        try {
            return new SshBackend(SshSettings.fromOptions(options), events);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("variable 'ssh_options': " + e.getMessage());
        }
    }
}
