package dev.capstan.remote;

import java.time.Duration;

/** How a command ended on one host. {@code exitStatus} is -1 when there was none (signal, timeout). */
public record CommandResult(Host host, Command command, int exitStatus, String stdout, String stderr, Duration duration) {
    public boolean success() { return exitStatus == 0; }
}
