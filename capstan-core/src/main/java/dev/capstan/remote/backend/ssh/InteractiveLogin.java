package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.InteractiveTerminal;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.util.io.output.NoCloseOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;

/**
 * A command with a pty on the host, wired to a local terminal: keys go to the host as typed, output comes
 * back as it is, window size changes follow. The channel ends when the host's command does.
 */
final class InteractiveLogin {
    /** A cooked terminal's modes, as a fresh local one has them: the host's line discipline echoes and edits. */
    private static final Map<PtyMode, Integer> SANE_MODES = Map.of(PtyMode.ECHO, 1, PtyMode.ECHOE, 1, PtyMode.ECHOK, 1,
            PtyMode.ICANON, 1, PtyMode.ISIG, 1, PtyMode.IEXTEN, 1, PtyMode.ICRNL, 1, PtyMode.OPOST, 1, PtyMode.ONLCR, 1,
            PtyMode.VERASE, 127);

    private InteractiveLogin() {}

    static int run(SshConnection connection, SshTarget target, String command, InteractiveTerminal terminal) throws IOException {
        SshSettings settings = target.settings();
        ChannelExec channel = connection.session().createExecChannel(command.getBytes(StandardCharsets.UTF_8), null, null);
        channel.setUsePty(true);
        channel.setPtyModes(SANE_MODES); // not the local terminal's: it is in raw mode by now
        channel.setPtyType(terminal.type());
        channel.setPtyColumns(terminal.columns());
        channel.setPtyLines(terminal.rows());
        channel.setAgentForwarding(settings.effectiveForwardAgent() && target.profile().agentSocket() != null);
        OutputStream screen = new NoCloseOutputStream(terminal.output());
        channel.setOut(screen);
        channel.setErr(screen);
        channel.open().verify(settings.effectiveTimeout());
        try {
            terminal.onResize(() -> {
                try {
                    channel.sendWindowChange(terminal.columns(), terminal.rows());
                } catch (IOException closing) {
                    // the session is ending: nothing to resize
                }
            });
            Thread keys = new Thread(() -> pump(terminal.input(), channel.getInvertedIn()), "capstan-ssh-keys");
            keys.setDaemon(true); // blocked on the keyboard when the host ends the session; the process exits after
            keys.start();
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
            Integer status = channel.getExitStatus();
            return status == null ? -1 : status;
        } finally {
            channel.close(false);
        }
    }

    private static void pump(InputStream in, OutputStream toHost) {
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (n == 0) continue;
                toHost.write(buf, 0, n);
                toHost.flush();
            }
            toHost.close(); // end of input: the host's shell sees EOF
        } catch (IOException closed) {
            // the session ended
        }
    }
}
