package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.Backend;
import dev.capstan.remote.Command;
import dev.capstan.remote.CommandResult;
import dev.capstan.remote.Ending;
import dev.capstan.remote.Host;
import dev.capstan.remote.InFlight;
import dev.capstan.remote.OutputSink;
import dev.capstan.remote.RemoteException;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;
import org.apache.sshd.client.session.ClientSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs commands over SSH with Apache MINA SSHD: one pooled connection per host (user@host:port and
 * options), channels multiplexed over it up to {@code max_sessions}, idle connections closed after
 * {@code idle_timeout}, a dropped connection replaced on the next command.
 */
public final class SshBackend implements Backend {
    private final SshSettings settings;
    private final EventListener events;
    private final Path agentSocket;
    private final SshClients clients = new SshClients();
    private final ConnectionPool pool = new ConnectionPool();
    private final ConnectionOpener opener = new ConnectionOpener(clients);
    private final ExecutorService replyWriters;
    private final ChannelRunner runner;
    private final Map<Object, SshTarget> targets = new ConcurrentHashMap<>();
    private final InFlight<RemoteProcess> running = new InFlight<>();
    /** Hosts that did not answer within the connect timeout, by pool key: the failure handling does not wait again. */
    private final Map<Object, RemoteException> unanswered = new ConcurrentHashMap<>();
    private static final int MAX_REFUSALS = 64;

    /** Uses the ssh-agent named by {@code SSH_AUTH_SOCK}, if any. */
    public SshBackend(SshSettings settings, EventListener events) {
        this(settings, events, UnixAgentClient.socketFromEnvironment());
    }

    /** @param agentSocket the ssh-agent socket to use, or null for no agent */
    public SshBackend(SshSettings settings, EventListener events, Path agentSocket) {
        this.settings = settings == null ? SshSettings.defaults() : settings;
        this.events = events == null ? EventListener.NONE : events;
        this.agentSocket = agentSocket;
        this.replyWriters = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "capstan-ssh-stdin");
            t.setDaemon(true);
            return t;
        });
        this.runner = new ChannelRunner(replyWriters);
    }

    @Override
    public CommandResult run(Host host, Command command, OutputSink output) {
        RemoteProcess process = new RemoteProcess(command.user());
        if (running.start(host, command, process) != null) {
            throw new RemoteException(host, command.name() + " was not started on " + host.label() + ": the run was stopped");
        }
        try {
            return run(host, command, output, process);
        } finally {
            running.finish(host, command);
        }
    }

    /** Ends the command on the host: its whole process group (see {@link RemoteProcess}). */
    @Override
    public void abort(Host host, Command command, Ending how) {
        RemoteProcess p = running.abort(host, command, how);
        if (p != null) p.end(target(host).settings().effectiveTimeout(), how);
    }

    private CommandResult run(Host host, Command command, OutputSink output, RemoteProcess process) {
        long start = System.nanoTime();
        SshTarget target = target(host);
        for (int attempt = 1; ; attempt++) {
            SshConnection c = lease(host, target);
            try {
                c.acquireChannel();
                try {
                    int status = runner.run(host, c, target, command, output, process);
                    return new CommandResult(host, command, status, "", "", Duration.ofNanos(System.nanoTime() - start));
                } finally {
                    c.releaseChannel();
                }
            } catch (ChannelRunner.NotStarted e) {
                if (c.isOpen() && refusedByServer(e) && attempt <= MAX_REFUSALS) {
                    if (c.lowerChannelLimit()) {
                        note(host, target.label() + " refused a channel: at most " + c.channelLimit() + " at once from now on");
                    } else {
                        // refused at one channel: the server has not yet freed the sessions that just ended (a loaded host)
                        pause(host, Math.min(500, 10L * attempt));
                    }
                    continue; // back into the queue
                }
                if (c.isOpen() || attempt > MAX_REFUSALS) {
                    throw new RemoteException(host, "cannot start " + command.name() + " on " + target.label() + ": " + e.getMessage()
                            + (refusedByServer(e) ? " (the server refused a new channel; lower ssh option max_sessions)" : ""), e);
                }
                pool.discard(target.poolKey(), c);
                note(host, "connection to " + target.label() + " was closed; reconnecting");
            } catch (IOException e) {
                throw new RemoteException(host, command.name() + " failed on " + target.label() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteException(host, "interrupted while waiting to run " + command.name() + " on " + target.label(), e);
            } finally {
                pool.release(target.poolKey(), c);
            }
        }
    }

    @Override
    public void upload(Host host, InputStream data, long size, String remotePath, TransferListener progress) {
        transfer(host, "upload to " + remotePath, s -> FileTransfers.upload(s, data, size, remotePath, progress));
    }

    @Override
    public void download(Host host, String remotePath, OutputStream out, TransferListener progress) {
        transfer(host, "download of " + remotePath, s -> FileTransfers.download(s, remotePath, out, progress));
    }

    /**
     * Runs {@code command} on the host in a pty wired to {@code terminal} (an interactive login, {@code capstan ssh}),
     * with the host's SSH options, jump host and agent forwarding; returns its exit status (-1 without one).
     */
    public int login(Host host, String command, dev.capstan.remote.InteractiveTerminal terminal) {
        SshTarget target = target(host);
        SshConnection c = lease(host, target);
        try {
            c.acquireChannel();
            try {
                return InteractiveLogin.run(c, target, command, terminal);
            } finally {
                c.releaseChannel();
            }
        } catch (IOException e) {
            throw new RemoteException(host, "interactive login to " + target.label() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(host, "interrupted while logging in to " + target.label(), e);
        } finally {
            pool.release(target.poolKey(), c);
        }
    }

    /**
     * Connects to the host (or reuses the pooled connection) and says how: the accepted authentication
     * method and how the host key was checked. Throws {@link RemoteException} as a command would.
     */
    public ConnectionFacts connect(Host host) {
        SshTarget target = target(host);
        SshConnection c = lease(host, target);
        try {
            ClientSession s = c.session();
            ConnectionFacts.HostKeyCheck check = s.getAttribute(HostKeyVerifier.CHECK);
            return new ConnectionFacts(target.label(), AuthMethodRecorder.method(s), check == null ? ConnectionFacts.HostKeyCheck.KNOWN : check);
        } finally {
            pool.release(target.poolKey(), c);
        }
    }

    /** How many pooled connections are open now (for tests and diagnostics). */
    public int openConnections() { return pool.openConnections(); }

    @Override
    public void close() {
        pool.close();
        clients.close();
        replyWriters.shutdownNow();
    }

    private interface Transfer {
        void run(ClientSession session) throws IOException;
    }

    private void transfer(Host host, String what, Transfer transfer) {
        SshTarget target = target(host);
        SshConnection c = lease(host, target);
        try {
            c.acquireChannel();
            try {
                transfer.run(c.session());
            } finally {
                c.releaseChannel();
            }
        } catch (IOException e) {
            throw new RemoteException(host, what + " on " + target.label() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(host, "interrupted during " + what + " on " + target.label(), e);
        } finally {
            pool.release(target.poolKey(), c);
        }
    }

    private static void pause(Host host, long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(host, "interrupted while waiting for a channel on " + host.label(), e);
        }
    }

    private static boolean refusedByServer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.sshd.common.channel.exception.SshChannelOpenException) return true;
        }
        return false;
    }

    private SshTarget target(Host host) {
        try {
            return targets.computeIfAbsent(java.util.List.of(host, host.getSshOptions()), k -> SshTarget.resolve(host, settings, agentSocket));
        } catch (IllegalArgumentException e) {
            throw new RemoteException(host, "bad ssh options for " + host.label() + ": " + e.getMessage(), e);
        }
    }

    private SshConnection lease(Host host, SshTarget target) {
        RemoteException before = unanswered.get(target.poolKey());
        if (before != null) throw new RemoteException(host, before.getMessage() + "; not tried again in this run", before);
        return pool.lease(target.poolKey(), target.settings().effectiveIdleTimeout(), () -> {
            try {
                SshConnection c = opener.open(host, target);
                note(host, "connected to " + target.label());
                return c;
            } catch (ConnectionOpener.NoAnswer e) {
                unanswered.put(target.poolKey(), e);
                throw e;
            }
        });
    }

    private void note(Host host, String message) {
        events.on(new Event.LogMessage(Instant.now(), host, Verbosity.DEBUG, message));
    }
}
