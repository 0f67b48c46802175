package dev.capstan.remote.backend.ssh;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process SSH server for tests: MINA's SshServer on a loopback address and a free port, its own
 * host key, accepting one client key (written to {@link #clientKey()}), running real {@code /bin/sh -c}
 * commands and serving SFTP. Counts sessions and TCP forwardings so tests can assert pooling and jumps.
 */
public final class EmbeddedSshServer implements AutoCloseable {
    private final SshServer server;
    private final Path dir;
    private final Path clientKey;
    private final KeyPair clientKeyPair;
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger forwardings = new AtomicInteger();

    private EmbeddedSshServer(Builder b) {
        try {
            this.dir = b.dir;
            Files.createDirectories(dir);
            this.clientKeyPair = b.clientKeyPair != null ? b.clientKeyPair : generateKeyPair();
            this.clientKey = dir.resolve("id_client");
            if (!Files.exists(clientKey)) writePrivateKey(clientKeyPair, clientKey);
            server = SshServer.setUpDefaultServer();
            server.setHost(b.address);
            server.setPort(0);
            server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(b.hostKeyFile != null ? b.hostKeyFile : dir.resolve("hostkey.ser")));
            PublicKey accepted = clientKeyPair.getPublic();
            server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(accepted, key));
            if (b.password != null) server.setPasswordAuthenticator((user, pw, session) -> b.password.equals(pw));
            server.setCommandFactory(b.instantTrue ? new InstantTrueCommandFactory() : EmbeddedSshServer::sessionLeader);
            if (b.nioWorkers > 0) CoreModuleProperties.NIO_WORKERS.set(server, b.nioWorkers);
            if (b.sftp) server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            CoreModuleProperties.TCP_NODELAY.set(server, true);
            CoreModuleProperties.MAX_CONCURRENT_CHANNELS.set(server, b.maxChannels);
            server.setForwardingFilter(org.apache.sshd.server.forward.ForwardingFilter.asForwardingFilter(
                    null, null, new TcpForwardingFilter() {
                        @Override public boolean canListen(SshdSocketAddress address, Session session) { return false; }
                        @Override public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
                            if (!b.allowForwarding) return false;
                            forwardings.incrementAndGet();
                            return true;
                        }
                    }));
            server.addSessionListener(new SessionListener() {
                @Override public void sessionCreated(Session session) { sessions.incrementAndGet(); }
            });
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the command as sshd does: in a session of its own (setsid), so it leads its own process group. Without it
     * the command would share the test JVM's group.
     */
    private static org.apache.sshd.server.command.Command sessionLeader(org.apache.sshd.server.channel.ChannelSession channel,
                                                                        String command) throws IOException {
        return new org.apache.sshd.server.shell.ProcessShellFactory(command, List.of("setsid", "/bin/sh", "-c", command)) {
            @Override
            protected List<String> resolveEffectiveCommand(org.apache.sshd.server.channel.ChannelSession c, String cmd, List<String> elements) {
                return elements;
            }
        }.createShell(channel);
    }

    public static Builder builder(Path dir) { return new Builder(dir); }

    public static EmbeddedSshServer start(Path dir) { return builder(dir).start(); }

    public String host() { return server.getHost(); }
    public int port() { return server.getPort(); }
    public Path clientKey() { return clientKey; }
    public KeyPair clientKeyPair() { return clientKeyPair; }
    /** SSH sessions (connections) opened so far. */
    public int sessionsOpened() { return sessions.get(); }
    /** direct-tcpip forwardings (jump-host hops) this server made. */
    public int forwardings() { return forwardings.get(); }

    public PublicKey hostKey() {
        try {
            KeyPairProvider p = server.getKeyPairProvider();
            return p.loadKeys(null).iterator().next().getPublic();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The known_hosts line for this server. */
    public String knownHostsLine() {
        return "[" + host() + "]:" + port() + " " + PublicKeyEntry.toString(hostKey());
    }

    /** Writes a known_hosts file trusting this server (and appends to it if it exists). */
    public Path writeKnownHosts(Path file) {
        try {
            Files.writeString(file, knownHostsLine() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts every open connection, as a crashing host or a network failure would. */
    public void dropConnections() {
        for (org.apache.sshd.common.session.helpers.AbstractSession s : server.getActiveSessions().stream()
                .map(x -> (org.apache.sshd.common.session.helpers.AbstractSession) x).toList()) {
            s.close(true);
        }
    }

    public List<ServerSession> activeSessions() {
        return server.getActiveSessions().stream().map(s -> (ServerSession) s).toList();
    }

    static KeyPair generateKeyPair() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a private key file in OpenSSH format (no passphrase), mode 600 so ssh-add accepts it. */
    static void writePrivateKey(KeyPair kp, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(kp, "capstan-test", null, out);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException ignored) {
            // stopping anyway
        }
    }

    public static final class Builder {
        private final Path dir;
        private String address = "127.0.0.1";
        private int maxChannels = 10;
        private boolean sftp = true;
        private boolean allowForwarding;
        private String password;
        private Path hostKeyFile;
        private KeyPair clientKeyPair;
        private boolean instantTrue;
        private int nioWorkers;

        Builder(Path dir) { this.dir = dir; }

        /** Answer {@code true} inside the server without forking a shell (benchmarks of the SSH layer). */
        public Builder instantTrue(boolean on) { instantTrue = on; return this; }
        public Builder nioWorkers(int n) { nioWorkers = n; return this; }

        public Builder address(String a) { address = a; return this; }
        public Builder maxChannels(int n) { maxChannels = n; return this; }
        public Builder sftp(boolean on) { sftp = on; return this; }
        public Builder allowForwarding(boolean on) { allowForwarding = on; return this; }
        public Builder password(String p) { password = p; return this; }
        public Builder hostKeyFile(Path f) { hostKeyFile = f; return this; }
        public Builder clientKeyPair(KeyPair kp) { clientKeyPair = kp; return this; }
        public EmbeddedSshServer start() { return new EmbeddedSshServer(this); }
    }
}
