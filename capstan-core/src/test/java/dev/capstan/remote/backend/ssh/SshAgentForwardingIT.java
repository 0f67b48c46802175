package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.CommandFailedException;
import dev.capstan.remote.Host;
import dev.capstan.remote.Remote;
import dev.capstan.remote.RemoteSettings;
import dev.capstan.remote.event.EventListener;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Against a real OpenSSH sshd: login through Debian's ssh-agent, agent forwarding, exit signals. */
class SshAgentForwardingIT {
    @TempDir Path tmp;

    @Test
    void loginThroughTheAgentAndTheHostSeesTheForwardedKey() throws Exception {
        assumeTrue(OpenSshServer.available(), "needs root and /usr/sbin/sshd (apt-get install openssh-server) to start a real sshd");
        KeyPair key = EmbeddedSshServer.generateKeyPair();
        Path keyFile = tmp.resolve("id_agent");
        EmbeddedSshServer.writePrivateKey(key, keyFile);
        Path sshdDir = Files.createTempDirectory(Path.of("/tmp"), "capstan-sshd-");
        try (OpenSshServer sshd = new OpenSshServer(sshdDir, PublicKeyEntry.toString(key.getPublic()));
             OpenSshServer.Agent agent = new OpenSshServer.Agent(tmp)) {
            agent.add(keyFile);
            Path knownHosts = Files.writeString(tmp.resolve("known_hosts"), sshd.knownHostsLine() + "\n");
            SshSettings settings = SshSettings.fromOptions(Map.of("keys", List.of(), "forward_agent", true, "config", false,
                    "user_known_hosts_file", knownHosts.toString()));
            try (SshBackend backend = new SshBackend(settings, EventListener.NONE, agent.socket)) {
                Remote r = new Remote(new Host("127.0.0.1", sshd.port, sshd.user, Set.of(), Map.of(), Map.of()),
                        backend, RemoteSettings.defaults(), EventListener.NONE, null);
                String listed = r.capture("ssh-add", "-l");
                assertThat(listed).contains(KeyUtils.getFingerPrint(key.getPublic()));
                assertThat(r.capture("sh -c 'echo $SSH_AUTH_SOCK'")).isNotBlank();

                Host noForwarding = new Host("127.0.0.1", sshd.port, sshd.user, Set.of(), Map.of(), Map.of("forward_agent", false));
                Remote plain = new Remote(noForwarding, backend, RemoteSettings.defaults(), EventListener.NONE, null);
                assertThat(plain.capture("sh -c 'echo \"[$SSH_AUTH_SOCK]\"'")).isEqualTo("[]");
            }
        } finally {
            deleteTree(sshdDir);
        }
    }

    @Test
    void aCommandKilledBySignalFailsWithAClearMessageAndPtyIsOptional() throws Exception {
        assumeTrue(OpenSshServer.available(), "needs root and /usr/sbin/sshd (apt-get install openssh-server) to start a real sshd");
        try (OpenSshServer.WithClient sshd = OpenSshServer.WithClient.start(tmp, 10)) {
            try (SshBackend backend = new SshBackend(sshd.settings(), EventListener.NONE, null)) {
                Remote r = new Remote(sshd.host(), backend, RemoteSettings.defaults(), EventListener.NONE, null);
                assertThatThrownBy(() -> r.execute("kill -KILL $$"))
                        .isInstanceOf(CommandFailedException.class)
                        .hasMessageContaining("exit status: 137")
                        .hasMessageContaining("killed by signal KILL");
                assertThat(r.capture("echo", "next")).isEqualTo("next");
                assertThat(r.test("tty -s")).as("no pty by default").isFalse();
                Host withPty = new Host("127.0.0.1", sshd.sshd().port, sshd.sshd().user, Set.of(), Map.of(), Map.of("pty", true));
                assertThat(new Remote(withPty, backend, RemoteSettings.defaults(), EventListener.NONE, null).capture("tty"))
                        .startsWith("/dev/pts/");
            }
        }
    }

    @Test
    void aServerAllowingFewerSessionsThanMaxSessionsIsRespected() throws Exception {
        assumeTrue(OpenSshServer.available(), "needs root and /usr/sbin/sshd (apt-get install openssh-server) to start a real sshd");
        try (OpenSshServer.WithClient sshd = OpenSshServer.WithClient.start(tmp, 3)) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
            try (SshBackend backend = new SshBackend(sshd.settings(), EventListener.NONE, null)) {
                Host host = sshd.host();
                List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    int n = i;
                    results.add(pool.submit(() -> new Remote(host, backend, RemoteSettings.defaults(), EventListener.NONE, null)
                            .capture("sleep 0.3; echo " + n)));
                }
                for (int i = 0; i < 12; i++) assertThat(results.get(i).get()).isEqualTo(String.valueOf(i));
                assertThat(backend.openConnections()).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
