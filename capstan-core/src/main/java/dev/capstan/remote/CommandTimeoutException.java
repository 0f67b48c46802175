package dev.capstan.remote;

import java.time.Duration;

/** A command ran longer than its timeout and was stopped. */
public final class CommandTimeoutException extends RemoteException {
    public CommandTimeoutException(Host host, Command command, Duration timeout) {
        super(host, command.name() + " timed out after " + timeout.toMillis() / 1000.0 + " s on " + host.label()
                + "\ncommand: " + command.loggedScript()
                + "\nIf it was waiting for input (a password prompt), answer it with an interaction_handler or avoid the prompt.");
    }
}
