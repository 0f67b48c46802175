package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.Command;
import dev.capstan.remote.CommandTimeoutException;
import dev.capstan.remote.Ending;
import dev.capstan.remote.Host;
import dev.capstan.remote.OutputSink;
import dev.capstan.remote.RemoteException;
import dev.capstan.remote.event.Event.Stream;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs one command in an exec channel of a pooled connection and returns its exit status. */
final class ChannelRunner {
    private static final long FOREVER_MS = TimeUnit.DAYS.toMillis(3650);

    private final ExecutorService replyWriters;

    ChannelRunner(ExecutorService replyWriters) {
        this.replyWriters = replyWriters;
    }

    /** Thrown when the channel could not even be opened (the command never started), so a retry is safe. */
    static final class NotStarted extends IOException {
        NotStarted(Throwable cause) { super(cause.getMessage(), cause); }
    }

    /** Runs the command; {@code process} learns its channel and process group, so it can be ended from another thread. */
    int run(Host host, SshConnection connection, SshTarget target, Command command, OutputSink sink, RemoteProcess process)
            throws IOException {
        SshSettings settings = target.settings();
        CompletableFuture<OutputStream> stdin = new CompletableFuture<>();
        SinkStream out = new SinkStream(Stream.STDOUT, sink, reply -> answer(stdin, reply));
        SinkStream err = new SinkStream(Stream.STDERR, sink, reply -> answer(stdin, reply));
        // with a pty stderr arrives on stdout: either stream may carry the process group line
        ProcessGroupMark markedOut = new ProcessGroupMark(out, process::groupIs);
        ProcessGroupMark markedErr = new ProcessGroupMark(err, process::groupIs);
        ChannelExec channel;
        try {
            String script = ProcessGroupMark.ANNOUNCE + command.script();
            channel = connection.session().createExecChannel(script.getBytes(StandardCharsets.UTF_8), null, null);
            channel.setUsePty(settings.effectivePty());
            channel.setAgentForwarding(settings.effectiveForwardAgent() && target.profile().agentSocket() != null);
            channel.setOut(markedOut);
            channel.setErr(markedErr);
            channel.open().verify(settings.effectiveTimeout());
        } catch (IOException | RuntimeException e) {
            throw new NotStarted(e);
        }
        process.started(connection, channel);
        Ending early = process.endedBy();
        if (early != null) process.end(settings.effectiveTimeout(), early); // ended while the channel opened
        try {
            OutputStream in = channel.getInvertedIn();
            if (sink.interactive()) stdin.complete(in);
            else in.close();
            Duration timeout = command.timeout();
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED),
                    timeout == null ? FOREVER_MS : timeout.toMillis());
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                process.end(settings.effectiveTimeout(), Ending.TERMINATE);
                throw new CommandTimeoutException(host, command, timeout);
            }
            markedOut.finish();
            markedErr.finish();
            out.finish();
            err.finish();
            Integer status = channel.getExitStatus();
            if (status != null) return status;
            String signal = channel.getExitSignal();
            if (signal != null) {
                sink.onData(Stream.STDERR, "\n" + command.name() + " was killed by signal " + signal + " on " + host.label() + "\n");
                return SignalStatus.of(signal);
            }
            if (!connection.isOpen()) {
                throw new RemoteException(host, "the connection to " + connection.label()
                        + " was lost while running " + command.name() + "; the command may or may not have completed");
            }
            sink.onData(Stream.STDERR, "\n" + command.name() + " ended without an exit status on " + host.label() + "\n");
            return -1;
        } finally {
            stdin.complete(null);
            channel.close(false);
        }
    }

    private void answer(CompletableFuture<OutputStream> stdin, String reply) {
        replyWriters.execute(() -> {
            try {
                OutputStream in = stdin.get(30, TimeUnit.SECONDS);
                if (in == null) return;
                in.write(reply.getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (Exception ignored) {
                // the command finished or closed its input: nothing left to answer
            }
        });
    }
}
