package dev.capstan.remote;

import java.time.Duration;
import java.util.Map;

/**
 * What every {@link Remote} of a run shares: the command map, the default environment
 * ({@code default_env}), the default command timeout, the default interaction handler and the run's
 * {@link Secrets} (a {@code with} value found there is passed literally; {@code redact} values are added).
 */
public record RemoteSettings(CommandMap commandMap, Map<String, ?> defaultEnv, Duration commandTimeout,
                             InteractionHandler interactionHandler, Secrets secrets) {
    public RemoteSettings {
        defaultEnv = defaultEnv == null ? Map.of() : Map.copyOf(defaultEnv);
        secrets = secrets == null ? Secrets.none() : secrets;
    }

    public RemoteSettings(CommandMap commandMap, Map<String, ?> defaultEnv, Duration commandTimeout,
                          InteractionHandler interactionHandler) {
        this(commandMap, defaultEnv, commandTimeout, interactionHandler, null);
    }

    public static RemoteSettings defaults() {
        return new RemoteSettings(new CommandMap(), Map.of(), null, null);
    }
}
