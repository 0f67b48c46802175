package dev.capstan.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * N machines on this one: each a real OpenSSH sshd on its own loopback address (127.X.Y.11, .12, …; X and Y
 * random per run so runs never collide), its own host key and log, and its own /srv (sshd runs under
 * {@code unshare --mount} with a bind mount). A {@code deploy} user logs in with a key held by an ssh-agent
 * the fleet starts; a separate git host serves the repository over SSH, so hosts clone with the forwarded agent.
 */
final class Fleet implements AutoCloseable {
    static final String USER = "deploy";

    final Path root;
    final List<FleetHost> hosts = new ArrayList<>();
    final FleetHost git;
    final Path clientKey;
    final Path knownHosts;
    final Path agentSocket;
    private final String prefix;
    private final int port;
    private final long rttMillis;
    private Process agent;

    private Fleet(Path root, String prefix, int port, long rttMillis) throws IOException {
        this.root = root;
        this.prefix = prefix;
        this.port = port;
        this.rttMillis = rttMillis;
        this.clientKey = root.resolve("client_key");
        this.knownHosts = root.resolve("known_hosts");
        this.agentSocket = root.resolve("agent.sock");
        this.git = new FleetHost("git", prefix + "10", port, root.resolve("git"));
    }

    /** True where the fleet can run: root, sshd, unshare, git. */
    static boolean available() {
        try {
            return "0".equals(Shell.ok("id", "-u").trim()) && Files.isExecutable(Path.of("/usr/sbin/sshd"))
                    && Files.isExecutable(Path.of("/usr/bin/unshare")) && Files.isExecutable(Path.of("/usr/bin/git"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Starts a fleet of {@code n} hosts, or skips the calling test class where this machine cannot run one. */
    static Fleet startOrSkip(int n) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(available(), "needs root, /usr/sbin/sshd, unshare and git (run .ci/run, or see docs/e2e.md)");
        return start(n);
    }

    static Fleet start(int n) throws Exception {
        return start(n, 0);
    }

    /**
     * A fleet of {@code n} hosts that clients reach with {@code rttMillis} of added round-trip time: each host's
     * {@link FleetHost#address}:{@link FleetHost#port} is then a {@link LatencyProxy} in front of its sshd (the hosts'
     * own connections to the git host are not delayed).
     */
    static Fleet start(int n, long rttMillis) throws Exception {
        ensureUser();
        Path root = Files.createTempDirectory("capstan-e2e-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Fleet f = new Fleet(root, "127." + r.nextInt(100, 250) + "." + r.nextInt(1, 250) + ".", r.nextInt(20000, 60000), rttMillis);
        Runtime.getRuntime().addShutdownHook(new Thread(f::close));
        f.startAgent();
        f.startHost(f.git);
        for (int i = 1; i <= n; i++) f.addHost();
        f.makeRepository();
        return f;
    }

    FleetHost addHost() throws Exception {
        int i = hosts.size() + 1;
        FleetHost h = rttMillis > 0 ? new FleetHost("h" + i, prefix + (10 + i), port, port + 1, root.resolve("h" + i))
                : new FleetHost("h" + i, prefix + (10 + i), port, root.resolve("h" + i));
        startHost(h);
        hosts.add(h);
        return h;
    }

    /** The repository URL the hosts clone from (over SSH, with the forwarded agent). */
    String repoUrl() {
        return "ssh://" + USER + "@" + git.address + ":" + port + "/srv/git/app.git";
    }

    /** A working clone of the repository, to commit and push new revisions. */
    Path work() { return root.resolve("work"); }

    void commit(String file, String content, String message) {
        commitTo("main", file, content, message);
    }

    /** Commits {@code file} in the work clone and points {@code branch} at the commit; returns the commit's id. */
    synchronized String commitTo(String branch, String file, String content, String message) {
        try {
            Path p = work().resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        gitWork("add", "-A");
        gitWork("-c", "user.name=E2E", "-c", "user.email=e2e@example.com", "commit", "-q", "-m", message);
        // the bare repository belongs to the deploy user; let root push to it
        Shell.Result push = Shell.run(null, Map.of("GIT_CONFIG_GLOBAL", root.resolve("gitconfig").toString()), 60,
                List.of("git", "-C", work().toString(), "push", "-q", git.srv().resolve("git/app.git").toString(), "HEAD:refs/heads/" + branch));
        if (push.status() != 0) throw new IllegalStateException("git push failed: " + push.out());
        Shell.ok("chown", "-R", USER + ":" + USER, git.srv().resolve("git").toString());
        return head();
    }

    /** Points {@code branch} in the repository at the work clone's HEAD. */
    void pushBranch(String branch) {
        Shell.Result push = Shell.run(null, Map.of("GIT_CONFIG_GLOBAL", root.resolve("gitconfig").toString()), 60,
                List.of("git", "-C", work().toString(), "push", "-q", "-f", git.srv().resolve("git/app.git").toString(), "HEAD:refs/heads/" + branch));
        if (push.status() != 0) throw new IllegalStateException("git push failed: " + push.out());
        Shell.ok("chown", "-R", USER + ":" + USER, git.srv().resolve("git").toString());
    }

    String head() {
        return Shell.ok("git", "-C", work().toString(), "rev-parse", "HEAD").trim();
    }

    void stop(FleetHost h) {
        if (h.proxy != null) {
            h.proxy.close();
            h.proxy = null;
        }
        if (h.sshd != null) {
            h.sshd.destroyForcibly();
            try {
                h.sshd.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The host dies: its sshd and every session under it (running commands included) are killed at once. */
    void crash(FleetHost h) {
        if (h.sshd != null) h.sshd.descendants().forEach(ProcessHandle::destroyForcibly);
        stop(h);
    }

    void restart(FleetHost h) throws Exception {
        stop(h);
        launch(h);
    }

    private void startAgent() throws Exception {
        Shell.ok("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", clientKey.toString());
        Files.copy(root.resolve("client_key.pub"), root.resolve("authorized_keys"));
        agent = new ProcessBuilder("ssh-agent", "-D", "-a", agentSocket.toString()).redirectErrorStream(true)
                .redirectOutput(root.resolve("agent.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(agentSocket); i++) Thread.sleep(20);
        Shell.Result add = Shell.run(null, Map.of("SSH_AUTH_SOCK", agentSocket.toString()), 20, List.of("ssh-add", clientKey.toString()));
        if (add.status() != 0) throw new IllegalStateException("ssh-add failed: " + add.out());
    }

    private void startHost(FleetHost h) throws Exception {
        Files.createDirectories(h.srv());
        Shell.ok("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", h.dir.resolve("hostkey").toString());
        Files.writeString(h.dir.resolve("sshd_config"), String.join("\n",
                "ListenAddress " + (h.address.contains(":") ? "[" + h.address + "]" : h.address) + ":" + h.sshdPort,
                "HostKey " + h.dir.resolve("hostkey"),
                "PidFile " + h.dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + root.resolve("authorized_keys"),
                "StrictModes no", "UsePAM no", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes", "AllowAgentForwarding yes", "AllowTcpForwarding yes", "PermitRootLogin yes",
                "LogLevel DEBUG1", "MaxStartups 200:30:400", "Subsystem sftp /usr/lib/openssh/sftp-server", ""));
        Shell.ok("chown", "-R", USER + ":" + USER, h.srv().toString());
        Files.writeString(knownHosts, h.hostKeyLine() + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        launch(h);
    }

    private void launch(FleetHost h) throws Exception {
        String inner = "mount --bind '" + h.srv() + "' /srv && exec /usr/sbin/sshd -D -f '" + h.dir.resolve("sshd_config") + "' -E '" + h.log() + "'";
        h.sshd = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", inner)
                .redirectErrorStream(true).redirectOutput(h.dir.resolve("sshd.out").toFile()).start();
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(h.address, h.sshdPort), 200);
                if (h.sshdPort != h.port) h.proxy = LatencyProxy.start(h.address, h.port, new InetSocketAddress(h.address, h.sshdPort), rttMillis);
                return;
            } catch (IOException notYet) {
                if (!h.sshd.isAlive()) throw new IllegalStateException("sshd for " + h.name + " died: " + Files.readString(h.dir.resolve("sshd.out")));
                Thread.sleep(25);
            }
        }
        throw new IllegalStateException("sshd for " + h.name + " did not start listening on " + h.address + ":" + h.sshdPort);
    }

    private void makeRepository() throws IOException {
        Path bare = git.srv().resolve("git/app.git");
        Files.createDirectories(bare);
        Files.writeString(root.resolve("gitconfig"), "[safe]\n\tdirectory = *\n");
        Shell.ok("git", "init", "-q", "--bare", "-b", "main", bare.toString());
        Shell.ok("git", "init", "-q", "-b", "main", work().toString());
        commit("index.html", "v1\n", "first");
        // the hosts know the git host's key (deploy's own known_hosts), so host-key checking stays on
        Path ssh = Path.of("/home", USER, ".ssh");
        Files.createDirectories(ssh);
        Files.writeString(ssh.resolve("known_hosts"), git.hostKeyLine() + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Shell.ok("chown", "-R", USER + ":" + USER, ssh.toString());
    }

    private void gitWork(String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", work().toString()));
        cmd.addAll(List.of(args));
        Shell.ok(cmd.toArray(new String[0]));
    }

    private static void ensureUser() {
        ensureUser(USER);
        Shell.sh("mkdir -p /run/sshd /srv && chmod 755 /run/sshd");
    }

    /** A login account on every host (they share /etc/passwd); the fleet's client key logs in as any of them. */
    static void ensureUser(String name) {
        if (Shell.run(null, Map.of(), 10, List.of("id", name)).status() != 0) {
            Shell.ok("useradd", "-m", "-s", "/bin/sh", name);
        }
        Shell.ok("usermod", "-p", "*", name); // an unlocked account: sshd refuses locked ones without PAM
    }

    /** True when the kernel has IPv6 on loopback (::1), for {@link #addHostOnIpv6Loopback()}. */
    static boolean ipv6Loopback() {
        try {
            return Files.readString(Path.of("/proc/net/if_inet6")).contains("00000000000000000000000000000001");
        } catch (IOException e) {
            return false;
        }
    }

    /** One more host listening on [::1] (on a port of its own: ::1 is shared by every fleet on this machine). */
    FleetHost addHostOnIpv6Loopback() throws Exception {
        int i = hosts.size() + 1;
        FleetHost h = new FleetHost("h" + i + "v6", "::1", port + 2 + i, root.resolve("h" + i + "v6"));
        startHost(h);
        hosts.add(h);
        return h;
    }

    @Override
    public synchronized void close() {
        for (FleetHost h : hosts) stop(h);
        stop(git);
        if (agent != null) agent.destroyForcibly();
        if (!Boolean.getBoolean("capstan.e2e.keep")) {
            // the fleet's files (hosts' /srv, logs); -Dcapstan.e2e.keep=true keeps them for a post-mortem
            try (var s = Files.walk(root)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | RuntimeException ignored) {
                // best effort
            }
        }
    }
}
