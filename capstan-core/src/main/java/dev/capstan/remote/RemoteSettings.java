package dev.capstan.remote;

import java.time.Duration;
import java.util.Map;

/**
 * What every {@link Remote} of a run shares: the command map, the default environment
 * ({@code default_env}), the default command timeout and the default interaction handler.
 */
public record RemoteSettings(CommandMap commandMap, Map<String, ?> defaultEnv, Duration commandTimeout,
                             InteractionHandler interactionHandler) {
    public RemoteSettings {
        defaultEnv = defaultEnv == null ? Map.of() : Map.copyOf(defaultEnv);
    }

    public static RemoteSettings defaults() {
        return new RemoteSettings(new CommandMap(), Map.of(), null, null);
    }
}
