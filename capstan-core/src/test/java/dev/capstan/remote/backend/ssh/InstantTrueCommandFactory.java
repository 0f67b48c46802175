package dev.capstan.remote.backend.ssh;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * For benchmarks of the SSH layer itself: the command {@code true} exits 0 inside the server, without
 * forking a shell; everything else runs in {@code /bin/sh -c} as usual.
 */
final class InstantTrueCommandFactory implements CommandFactory {
    @Override
    public Command createCommand(ChannelSession channel, String command) throws IOException {
        if (!command.equals("true")) return ProcessShellCommandFactory.INSTANCE.createCommand(channel, command);
        return new Command() {
            private ExitCallback exit;
            @Override public void setExitCallback(ExitCallback callback) { exit = callback; }
            @Override public void setInputStream(InputStream in) { }
            @Override public void setOutputStream(OutputStream out) { }
            @Override public void setErrorStream(OutputStream err) { }
            @Override public void start(ChannelSession session, Environment env) { exit.onExit(0); }
            @Override public void destroy(ChannelSession session) { }
        };
    }
}
