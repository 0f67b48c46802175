package dev.capstan.remote.backend.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A real OpenSSH {@code sshd} started by a test on 127.0.0.1 and a free port, with its own host key and
 * an authorized key. Needs root (to log users in) and /usr/sbin/sshd; {@link #available()} says whether
 * it can run here. Logs in as {@code deploy} when that user exists with a plain /bin/sh (no slow .bashrc).
 */
public final class OpenSshServer implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");

    final Path dir;
    final int port;
    final String user;
    final Path hostKeyPub;
    private final Process process;

    OpenSshServer(Path dir, String authorizedKeyLine) throws IOException, InterruptedException {
        this(dir, authorizedKeyLine, 10);
    }

    OpenSshServer(Path dir, String authorizedKeyLine, int maxSessions) throws IOException, InterruptedException {
        this.dir = dir;
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(Path.of("/run/sshd"));
        this.user = loginUser();
        Path hostKey = dir.resolve("ssh_host_ed25519_key");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()));
        this.hostKeyPub = dir.resolve("ssh_host_ed25519_key.pub");
        Path authorized = Files.writeString(dir.resolve("authorized_keys"), authorizedKeyLine + "\n");
        Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-r--r--"));
        this.port = freePort();
        Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + hostKey, "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorized, "StrictModes no", "UsePAM no", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password", "AllowAgentForwarding yes",
                "AllowTcpForwarding yes", "MaxSessions " + maxSessions, "MaxStartups 100", "LogLevel ERROR", ""));
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        waitForPort();
    }

    /** Whether a real sshd can be started here (root and /usr/sbin/sshd). */
    public static boolean available() {
        return Files.isExecutable(SSHD) && "root".equals(System.getProperty("user.name"));
    }

    /** The known_hosts line for this server. */
    String knownHostsLine() throws IOException {
        String[] parts = Files.readString(hostKeyPub).trim().split(" ");
        return "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1];
    }

    private static String loginUser() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length >= 7 && f[0].equals("deploy") && f[6].equals("/bin/sh")) return "deploy";
            }
        } catch (IOException ignored) {
            // fall back to ourselves
        }
        return System.getProperty("user.name");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private void waitForPort() throws IOException, InterruptedException {
        for (int i = 0; i < 250; i++) {
            if (!process.isAlive()) throw new IOException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("sshd did not listen on port " + port);
    }

    static String run(List<String> command, String... env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        for (int i = 0; i + 1 < env.length; i += 2) pb.environment().put(env[i], env[i + 1]);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException(command + " failed: " + out);
        return out;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A real sshd in a directory of its own under /tmp accepting a new client key, and the settings (that key, a
     * known_hosts trusting the server: {@code tmp/id_client}, {@code tmp/known_hosts}) and host to reach it; closing
     * stops it and removes the directory.
     */
    public record WithClient(OpenSshServer sshd, Path dir, SshSettings settings, dev.capstan.remote.Host host) implements AutoCloseable {
        public static WithClient start(Path tmp, int maxSessions) throws IOException, InterruptedException {
            java.security.KeyPair key = EmbeddedSshServer.generateKeyPair();
            Path keyFile = tmp.resolve("id_client");
            EmbeddedSshServer.writePrivateKey(key, keyFile);
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "capstan-sshd-");
            OpenSshServer sshd = new OpenSshServer(dir, org.apache.sshd.common.config.keys.PublicKeyEntry.toString(key.getPublic()), maxSessions);
            Path knownHosts = Files.writeString(tmp.resolve("known_hosts"), sshd.knownHostsLine() + "\n");
            SshSettings settings = SshSettings.fromOptions(java.util.Map.of("keys", List.of(keyFile.toString()), "config", false,
                    "user_known_hosts_file", knownHosts.toString()));
            return new WithClient(sshd, dir, settings,
                    new dev.capstan.remote.Host("127.0.0.1", sshd.port, sshd.user, java.util.Set.of(), java.util.Map.of(), java.util.Map.of()));
        }

        @Override
        public void close() throws IOException {
            sshd.close();
            SshAgentForwardingIT.deleteTree(dir);
        }
    }

    /** An ssh-agent of our own, holding the keys we add. */
    static final class Agent implements AutoCloseable {
        final Path socket;
        private final Process process;

        Agent(Path dir) throws IOException, InterruptedException {
            this.socket = dir.resolve("agent.sock");
            process = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("agent.log").toFile()).start();
            for (int i = 0; i < 250 && !Files.exists(socket); i++) Thread.sleep(20);
            if (!Files.exists(socket)) throw new UncheckedIOException(new IOException("ssh-agent did not start"));
        }

        void add(Path key) throws IOException, InterruptedException {
            run(List.of("ssh-add", key.toString()), "SSH_AUTH_SOCK", socket.toString());
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
