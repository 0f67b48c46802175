package dev.capstan.remote.backend.ssh;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SSH server in the test JVM (Apache MINA SSHD) that runs commands with {@code /bin/sh -c} and
 * serves SFTP, with its own host key and a client key made by {@code ssh-keygen}. Counts sessions.
 */
final class EmbeddedSshServer implements AutoCloseable {
    final SshServer server;
    final Path dir;
    final Path clientKey;
    final Path knownHosts;
    final AtomicInteger sessions = new AtomicInteger();

    EmbeddedSshServer(Path dir, String bindAddress, int maxChannels) throws IOException, InterruptedException {
        this.dir = dir;
        this.clientKey = dir.resolve("id_ed25519");
        if (!Files.exists(clientKey)) keygen(clientKey);
        Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        server = SshServer.setUpDefaultServer();
        server.setHost(bindAddress);
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey-" + bindAddress + ".ser")));
        server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(dir.resolve("authorized_keys")));
        server.setCommandFactory(ProcessShellCommandFactory.INSTANCE);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        CoreModuleProperties.MAX_CONCURRENT_CHANNELS.set(server, maxChannels);
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessions.incrementAndGet();
            }
        });
        server.start();
        knownHosts = dir.resolve("known_hosts-" + bindAddress);
        Files.writeString(knownHosts, knownHostsLine());
    }

    int port() { return server.getPort(); }

    String knownHostsLine() throws IOException {
        try {
            KeyPair kp = server.getKeyPairProvider().loadKeys(null).iterator().next();
            return "[" + server.getHost() + "]:" + port() + " " + PublicKeyEntry.toString(kp.getPublic()) + "\n";
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** ssh_options for a client of this server. */
    Map<String, Object> options() {
        return Map.of("keys", List.of(clientKey.toString()), "user_known_hosts_file", knownHosts.toString(),
                "config", false, "use_agent", false);
    }

    static void keygen(Path key) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException("ssh-keygen failed: " + out);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
