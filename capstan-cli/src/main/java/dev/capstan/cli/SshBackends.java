package dev.capstan.cli;

import dev.capstan.config.Configuration;
import dev.capstan.remote.Backend;
import dev.capstan.remote.Command;
import dev.capstan.remote.CommandResult;
import dev.capstan.remote.Host;
import dev.capstan.remote.OutputSink;
import dev.capstan.remote.RemoteException;
import dev.capstan.remote.event.EventListener;

import java.io.InputStream;
import java.io.OutputStream;

/** Builds the SSH backend from {@code ssh_options}. */
final class SshBackends {
    private SshBackends() {}

    static Backend create(Configuration config, EventListener events) {
        return new Backend() {
            @Override
            public CommandResult run(Host host, Command command, OutputSink output) {
                throw unavailable(host);
            }

            @Override
            public void upload(Host host, InputStream data, long size, String remotePath, TransferListener progress) {
                throw unavailable(host);
            }

            @Override
            public void download(Host host, String remotePath, OutputStream out, TransferListener progress) {
                throw unavailable(host);
            }
        };
    }

    private static RemoteException unavailable(Host host) {
        return new RemoteException(host, "the SSH backend is not available in this build (host " + host.label() + ")");
    }
}
