package dev.capstan.remote.backend.ssh;

import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A command running in an exec channel, as far as it is known: the connection, the channel and, once the command
 * printed it ({@link ProcessGroupMark}), its process group on the host. Ending it (a timeout, an interrupt) kills that
 * whole group with a second exec on the same connection, so no {@code sleep} or {@code git} is left running there.
 * Closing the channel alone would not: sshd leaves a command without a terminal running when its channel closes.
 */
final class RemoteProcess {
    /** How long the group has after SIGTERM before SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(2);

    private final CompletableFuture<Long> group = new CompletableFuture<>();
    private volatile SshConnection connection;
    private volatile ChannelExec channel;
    private volatile boolean ended;

    void started(SshConnection c, ChannelExec ch) {
        connection = c;
        channel = ch;
    }

    void groupIs(long pgid) {
        if (pgid > 1) group.complete(pgid);
    }

    boolean ended() { return ended; }

    /** Kills the command's process group on the host and waits (bounded) for its channel to close. */
    void end(Duration timeout) {
        ended = true;
        SshConnection c = connection;
        ChannelExec ch = channel;
        if (c == null || ch == null || !c.isOpen()) return; // not started, or the connection is gone (nothing reaches the host)
        Long pgid = null;
        try {
            pgid = group.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception unknown) {
            // the command never printed its group (not a POSIX shell): ask sshd to signal it instead
        }
        if (pgid != null) kill(c, pgid, timeout);
        else signal(ch, "TERM");
        ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), GRACE.plusSeconds(1).toMillis());
        ch.close(true);
    }

    /** TERM to the group, KILL after {@link #GRACE} if any of it is still there. */
    static String killScript(long pgid) {
        String g = "-" + pgid;
        int polls = (int) (GRACE.toMillis() / 100);
        return "kill -TERM " + g + " 2>/dev/null || exit 0; i=0; while [ $i -lt " + polls + " ] && kill -0 " + g
                + " 2>/dev/null; do sleep 0.1; i=$((i+1)); done; kill -KILL " + g + " 2>/dev/null; exit 0";
    }

    private static void kill(SshConnection c, long pgid, Duration timeout) {
        // outside the max_sessions queue: the channels may all be taken by the commands being ended
        try (ChannelExec killer = c.session().createExecChannel(killScript(pgid).getBytes(StandardCharsets.UTF_8), null, null)) {
            killer.setOut(java.io.OutputStream.nullOutputStream());
            killer.setErr(java.io.OutputStream.nullOutputStream());
            killer.open().verify(timeout);
            killer.getInvertedIn().close();
            killer.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), GRACE.plus(timeout).toMillis());
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
