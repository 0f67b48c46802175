package dev.capstan.deploy.service;

import java.util.List;

/** The service types by the name used in {@code service 'x', type: NAME}. */
final class ServiceTypes {
    static final List<String> NAMES = List.of("unicorn", "sidekiq", "puma", "pm2", "systemd", "command");

    private ServiceTypes() {}

    static ServiceType of(String name) {
        switch (name) {
            case "unicorn": return new UnicornType();
            case "sidekiq": return new SidekiqType();
            case "puma": return new PumaType();
            case "pm2": return new Pm2Type();
            case "systemd": return new SystemdType();
            case "command": return new CommandType();
            default: throw new IllegalArgumentException("unknown service type " + name);
        }
    }
}
