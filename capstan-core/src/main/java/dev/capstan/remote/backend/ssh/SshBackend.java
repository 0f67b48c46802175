package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.Backend;
import dev.capstan.remote.Command;
import dev.capstan.remote.CommandResult;
import dev.capstan.remote.CommandTimeoutException;
import dev.capstan.remote.Host;
import dev.capstan.remote.OutputSink;
import dev.capstan.remote.RemoteException;
import dev.capstan.remote.StreamPump;
import dev.capstan.remote.event.Event.Stream;
import dev.capstan.remote.event.EventListener;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs commands over SSH with Apache MINA SSHD: one pooled connection per host, a channel per command,
 * TCP_NODELAY on (48 ms per command otherwise), host keys checked against known_hosts, keys from files,
 * ~/.ssh/config and ssh-agent, agent forwarding, jump hosts, SFTP transfers.
 */
public final class SshBackend implements Backend {
    private final SshSettings settings;
    private final SshClient client;
    private final SshConnections connections;
    private final boolean agent;

    public SshBackend(SshSettings settings, EventListener events) {
        this.settings = settings;
        this.client = SshClient.setUpDefaultClient();
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, settings.keepalive());
        KnownHostsVerifier verifier = new KnownHostsVerifier(settings.knownHosts(), settings.verifyHostKey());
        client.setServerKeyVerifier(verifier);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY); // we resolve ~/.ssh/config ourselves, with Capistrano's precedence
        String sock = System.getenv("SSH_AUTH_SOCK");
        agent = settings.useAgent() && sock != null && Files.exists(Path.of(sock));
        if (agent) client.setAgentFactory(UnixAgent.factory(Path.of(sock)));
        List<Path> defaults = settings.keys().isEmpty() ? defaultKeys() : settings.keys();
        if (!defaults.isEmpty()) client.setKeyIdentityProvider(new FileKeyPairProvider(defaults));
        client.start();
        this.connections = new SshConnections(client, verifier, settings.idleTimeout());
    }

    @Override
    public CommandResult run(Host host, Command command, OutputSink output) {
        SshSettings s = settings.merge(host.getSshOptions());
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            SshConnections.Connection c = connections.get(host, s);
            ChannelExec channel;
            try {
                acquire(c, host);
                channel = c.session.createExecChannel(command.script());
            } catch (IOException | RuntimeException e) {
                release(c);
                if (attempt == 1 && !c.session.isOpen()) {
                    connections.evict(c); // a pooled connection the server dropped while idle: reconnect once
                    continue;
                }
                throw new RemoteException(host, "cannot open a channel to " + c.label + ": " + e.getMessage(), e);
            }
            try {
                return execute(host, command, output, s, c, channel, start);
            } finally {
                release(c);
            }
        }
    }

    private CommandResult execute(Host host, Command command, OutputSink output, SshSettings s,
                                  SshConnections.Connection c, ChannelExec channel, long start) {
        AtomicReference<OutputStream> stdin = new AtomicReference<>();
        java.util.function.Consumer<String> replies = reply -> {
            OutputStream in = stdin.get();
            if (in != null) StreamPump.writerTo(in).accept(reply);
        };
        ChannelOutput out = new ChannelOutput(Stream.STDOUT, output, replies);
        ChannelOutput err = new ChannelOutput(Stream.STDERR, output, replies);
        try (channel) {
            channel.setOut(out);
            channel.setErr(err);
            channel.setUsePty(s.pty());
            channel.setAgentForwarding(agent && s.forwardAgent());
            if (!output.interactive()) channel.setIn(new ByteArrayInputStream(new byte[0]));
            channel.open().verify(s.connectTimeout());
            if (output.interactive()) stdin.set(channel.getInvertedIn());
            long wait = command.timeout() == null ? 0 : command.timeout().toMillis();
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), wait);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                channel.close(true);
                throw new CommandTimeoutException(host, command, command.timeout());
            }
            out.close();
            err.close();
            Integer status = channel.getExitStatus();
            if (status == null) {
                if (!c.session.isOpen()) {
                    connections.evict(c);
                    throw new RemoteException(host, "connection to " + c.label + " was lost while running " + command.name());
                }
                String signal = channel.getExitSignal();
                output.onData(Stream.STDERR, command.name() + " was killed by signal " + (signal == null ? "(unknown)" : signal) + "\n");
            }
            return new CommandResult(host, command, status == null ? -1 : status, "", "", Duration.ofNanos(System.nanoTime() - start));
        } catch (RemoteException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (!c.session.isOpen()) connections.evict(c);
            throw new RemoteException(host, "running " + command.name() + " on " + c.label + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void upload(Host host, InputStream data, long size, String remotePath, TransferListener progress) {
        SshSettings s = settings.merge(host.getSshOptions());
        SshConnections.Connection c = connections.get(host, s);
        acquire(c, host);
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(c.session);
             OutputStream out = sftp.write(sftpPath(remotePath))) {
            copy(data, out, size, progress);
        } catch (IOException e) {
            throw new RemoteException(host, "upload to " + remotePath + " on " + c.label + " failed: " + e.getMessage(), e);
        } finally {
            release(c);
        }
    }

    @Override
    public void download(Host host, String remotePath, OutputStream out, TransferListener progress) {
        SshSettings s = settings.merge(host.getSshOptions());
        SshConnections.Connection c = connections.get(host, s);
        acquire(c, host);
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(c.session);
             InputStream in = sftp.read(sftpPath(remotePath))) {
            copy(in, out, -1, progress);
        } catch (IOException e) {
            throw new RemoteException(host, "download of " + remotePath + " from " + c.label + " failed: " + e.getMessage(), e);
        } finally {
            release(c);
        }
    }

    @Override
    public void close() {
        connections.close();
        try {
            client.stop();
        } catch (RuntimeException ignored) {
            // stopping anyway
        }
    }

    private static void acquire(SshConnections.Connection c, Host host) {
        try {
            c.channels.acquire();
            synchronized (c) { c.inUse++; }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(host, "interrupted while waiting for a channel to " + c.label, e);
        }
    }

    private static void release(SshConnections.Connection c) {
        synchronized (c) { c.inUse--; }
        c.lastUsed = System.nanoTime();
        c.channels.release();
    }

    /** SFTP has no shell: {@code ~/x} is {@code x} relative to the login directory. */
    private static String sftpPath(String p) {
        if (p.equals("~")) return ".";
        return p.startsWith("~/") ? p.substring(2) : p;
    }

    private static void copy(InputStream in, OutputStream out, long size, TransferListener progress) throws IOException {
        byte[] buf = new byte[32 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            total += n;
            progress.progress(total, size);
        }
        if (size < 0) progress.progress(total, total);
    }

    private static List<Path> defaultKeys() {
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        return java.util.stream.Stream.of("id_ed25519", "id_ecdsa", "id_rsa").map(ssh::resolve).filter(Files::isReadable).toList();
    }
}
