package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.Ending;
import dev.capstan.remote.Shell;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A command running in an exec channel, as far as it is known: the connection, the channel and, once the command
 * printed it ({@link ProcessGroupMark}), its process group on the host. Ending it (a timeout, an interrupt) signals that
 * whole group with a second exec on the same connection ({@link #killScript}), so no {@code sleep} or {@code git} is
 * left running there. Closing the channel alone would not: sshd leaves a command without a terminal running when its
 * channel closes.
 */
final class RemoteProcess {
    private final CompletableFuture<Long> group = new CompletableFuture<>();
    /** The user the command runs as through sudo, or null: its processes take that user's rights to signal. */
    private final String user;
    private volatile SshConnection connection;
    private volatile ChannelExec channel;
    private volatile Ending endedBy;

    RemoteProcess(String user) {
        this.user = user;
    }

    void started(SshConnection c, ChannelExec ch) {
        connection = c;
        channel = ch;
    }

    void groupIs(long pgid) {
        if (pgid > 1) group.complete(pgid);
    }

    /** How it was ended, or null while nobody asked (an end asked for while its channel opened is done once open). */
    Ending endedBy() { return endedBy; }

    /** Signals the command's process group on the host as {@code how} says and waits (bounded) for its channel to close. */
    void end(Duration timeout, Ending how) {
        endedBy = how;
        SshConnection c = connection;
        ChannelExec ch = channel;
        if (c == null || ch == null || !c.isOpen()) return; // not started, or the connection is gone (nothing reaches the host)
        Long pgid = null;
        try {
            pgid = group.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception unknown) {
            // the command never printed its group (not a POSIX shell): ask sshd to signal it instead
        }
        if (pgid != null) kill(c, killScript(pgid, how, user), timeout.plus(how.longest()));
        else signal(ch, how.signals().get(0));
        ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Ending.GRACE.plusSeconds(1).toMillis());
        ch.close(true);
    }

    /**
     * Each signal of {@code how} to the group in turn, the next only if some of it is still there after
     * {@link Ending#GRACE}. A command run as another user ({@code as}) is signalled with that user's rights too
     * ({@code sudo -n -u USER kill}): the login user may not signal its processes. The shell's own kill takes
     * {@code -SIG -PGID} (dash's refuses {@code --}); sudo runs /bin/kill, which needs {@code --} before it.
     */
    static String killScript(long pgid, Ending how, String user) {
        String g = "-" + pgid;
        String asUser = user == null ? "" : " r=$?; sudo -n -u " + Shell.escape(user) + " kill -$1 -- " + g + " 2>/dev/null || return $r;";
        StringBuilder sb = new StringBuilder("s() { kill -$1 " + g + " 2>/dev/null;" + asUser + " }; ");
        int polls = (int) (Ending.GRACE.toMillis() / 100);
        List<String> signals = how.signals();
        for (int i = 0; i < signals.size() - 1; i++) {
            sb.append("s ").append(signals.get(i)).append(" || exit 0; i=0; while [ $i -lt ").append(polls)
                    .append(" ] && s 0; do sleep 0.1; i=$((i+1)); done; ");
        }
        return sb.append("s ").append(signals.get(signals.size() - 1)).append("; exit 0").toString();
    }

    private static void kill(SshConnection c, String script, Duration timeout) {
        // outside the max_sessions queue: the channels may all be taken by the commands being ended
        try (ChannelExec killer = c.session().createExecChannel(script.getBytes(StandardCharsets.UTF_8), null, null)) {
            killer.setOut(java.io.OutputStream.nullOutputStream());
            killer.setErr(java.io.OutputStream.nullOutputStream());
            killer.open().verify(timeout);
            killer.getInvertedIn().close();
            killer.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout.toMillis());
        } catch (Exception e) {
            // the host refused a channel or went away: closing the command's channel is all that is left
        }
    }

    /**
     * RFC 4254 "signal" request. Measured with OpenSSH 9.2p1: a non-root login's process group gets it (killpg), a root
     * login's does not ("session signalling requires privilege separation"), hence the second exec above first.
     */
    private static void signal(ChannelExec ch, String name) {
        try {
            Buffer b = ch.getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, name.length() + 32);
            b.putUInt(ch.getRecipient());
            b.putString("signal");
            b.putBoolean(false);
            b.putString(name);
            ch.writePacket(b);
        } catch (Exception ignored) {
            // best effort: the channel is closed next
        }
    }
}
