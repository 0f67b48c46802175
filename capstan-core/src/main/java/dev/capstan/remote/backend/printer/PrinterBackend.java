package dev.capstan.remote.backend.printer;

import dev.capstan.remote.Backend;
import dev.capstan.remote.Command;
import dev.capstan.remote.CommandResult;
import dev.capstan.remote.Host;
import dev.capstan.remote.OutputSink;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * The dry-run backend: touches no host. Commands are shown through the normal event stream
 * (every formatter prints them); each "succeeds" with no output. A command that does not raise
 * on failure ({@code test}) answers {@code testAnswer}.
 */
public final class PrinterBackend implements Backend {
    private final boolean testAnswer;

    public PrinterBackend(boolean testAnswer) {
        this.testAnswer = testAnswer;
    }

    @Override
    public CommandResult run(Host host, Command command, OutputSink output) {
        int status = command.raiseOnNonZero() || testAnswer ? 0 : 1;
        return new CommandResult(host, command, status, "", "", Duration.ZERO);
    }

    @Override
    public void upload(Host host, InputStream data, long size, String remotePath, TransferListener progress) {
        progress.progress(0, size);
    }

    @Override
    public void download(Host host, String remotePath, OutputStream out, TransferListener progress) {
        progress.progress(0, 0);
    }
}
