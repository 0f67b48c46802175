package dev.capstan.remote.event;

import dev.capstan.remote.Command;
import dev.capstan.remote.Host;
import dev.capstan.remote.Verbosity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything a run reports, as values. Formatters, the log file and the JSON stream consume
 * these; nothing reads them back into the engine.
 */
public sealed interface Event {
    /** When the event happened. */
    Instant at();

    record RunStarted(Instant at, String commandLine) implements Event {}

    record RunFinished(Instant at, boolean success, Duration duration) implements Event {}

    record TaskStarted(Instant at, String task) implements Event {}

    record TaskFinished(Instant at, String task, Duration duration, boolean success) implements Event {}

    /** An {@code on} block starts on these hosts ({@code mode} is parallel, sequence or groups). */
    record BlockStarted(Instant at, String blockId, List<Host> hosts, String mode) implements Event {}

    /** One host of a block is done; {@code error} is null when it succeeded. */
    record HostFinished(Instant at, String blockId, Host host, Throwable error) implements Event {}

    record BlockFinished(Instant at, String blockId, boolean success) implements Event {}

    record CommandStarted(Instant at, Command command, Host host) implements Event {}

    /** One line of a command's output (without its line terminator). */
    record CommandOutput(Instant at, Command command, Host host, Stream stream, String line) implements Event {}

    /** {@code exitStatus} is -1 when the command ended without one (killed by a signal, timed out, connection lost). */
    record CommandFinished(Instant at, Command command, Host host, int exitStatus, Duration duration) implements Event {
        public boolean success() { return exitStatus == 0; }
    }

    /** A message from a task ({@code info "..."}); {@code host} is null when not inside an {@code on} block. */
    record LogMessage(Instant at, Host host, Verbosity level, String message) implements Event {}

    /** Progress of an upload or download. */
    record TransferProgress(Instant at, Host host, String transferId, Direction direction, String name,
                            long bytes, long total) implements Event {}

    enum Stream { STDOUT, STDERR }

    enum Direction { UPLOAD, DOWNLOAD }
}
