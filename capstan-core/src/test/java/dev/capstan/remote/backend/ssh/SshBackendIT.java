package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.CommandFailedException;
import dev.capstan.remote.CommandTimeoutException;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.Host;
import dev.capstan.remote.OnFailedException;
import dev.capstan.remote.Remote;
import dev.capstan.remote.RemoteException;
import dev.capstan.remote.RemoteSettings;
import dev.capstan.remote.RunMode;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSH backend through Remote and Coordinator against embedded SSH servers running real shell commands. */
class SshBackendIT {
    static final String USER = System.getProperty("user.name");

    @TempDir Path tmp;
    EmbeddedSshServer server;
    Path knownHosts;
    SshBackend backend;
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        server = EmbeddedSshServer.start(tmp.resolve("server"));
        knownHosts = server.writeKnownHosts(tmp.resolve("known_hosts"));
        backend = backend(Map.of());
    }

    @AfterEach
    void stop() {
        backend.close();
        server.close();
    }

    /** Options for a client of {@code s}: its key, our known_hosts, no ~/.ssh/config. */
    static Map<String, Object> options(EmbeddedSshServer s, Path knownHosts) {
        return Map.of("keys", List.of(s.clientKey().toString()), "config", false,
                "user_known_hosts_file", knownHosts.toString());
    }

    SshBackend backend(Map<String, Object> extra) {
        Map<String, Object> o = new HashMap<>(options(server, knownHosts));
        o.putAll(extra);
        return new SshBackend(SshSettings.fromOptions(o), events::add, null);
    }

    static Host host(EmbeddedSshServer s) {
        return new Host(s.host(), s.port(), USER, Set.of("app"), Map.of(), Map.of());
    }

    Remote remote(SshBackend b, EmbeddedSshServer s) {
        return new Remote(host(s), b, RemoteSettings.defaults(), events::add, null);
    }

    Remote remote() { return remote(backend, server); }

    @Test
    void executeTestAndCaptureWithExitCodesAndStderr() {
        Remote r = remote();
        assertThat(r.execute("true")).isTrue();
        assertThat(r.test("false")).isFalse();
        assertThat(r.test("exit 3")).isFalse();
        assertThat(r.capture("echo", "hello world")).isEqualTo("hello world");
        assertThatThrownBy(() -> r.execute("sh", "-c", "echo oops >&2; exit 4"))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("sh exit status: 4 on " + host(server).label())
                .hasMessageContaining("oops");
        List<Integer> statuses = events.stream().filter(e -> e instanceof Event.CommandFinished)
                .map(e -> ((Event.CommandFinished) e).exitStatus()).toList();
        assertThat(statuses).containsExactly(0, 1, 3, 0, 4);
    }

    @Test
    void manyCommandsShareOnePooledConnection() {
        Remote r = remote();
        for (int i = 0; i < 25; i++) assertThat(r.capture("echo", i)).isEqualTo(String.valueOf(i));
        assertThat(server.sessionsOpened()).isEqualTo(1);
        assertThat(backend.openConnections()).isEqualTo(1);
    }

    @Test
    void thirtyConcurrentCommandsOnOneHostWithServerMaxSessionsTen() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(30);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int n = i;
                results.add(pool.submit(() -> new Remote(host(server), backend, RemoteSettings.defaults(), EventListener.NONE, null)
                        .capture("sleep 0.2; echo " + n)));
            }
            for (int i = 0; i < 30; i++) assertThat(results.get(i).get()).isEqualTo(String.valueOf(i));
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.sessionsOpened()).isEqualTo(1);
    }

    @Test
    void runsInParallelOnSeveralServers() {
        List<EmbeddedSshServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                EmbeddedSshServer s = EmbeddedSshServer.builder(tmp.resolve("s" + i)).clientKeyPair(server.clientKeyPair()).start();
                s.writeKnownHosts(knownHosts);
                servers.add(s);
            }
            Map<Integer, String> seen = new ConcurrentHashMap<>();
            try (Coordinator c = new Coordinator(h -> backend, RemoteSettings.defaults(), events::add)) {
                c.on(servers.stream().map(SshBackendIT::host).toList(), RunMode.PARALLEL,
                        r -> seen.put(r.host().getPort(), r.capture("echo", "on " + r.host().getPort())));
            }
            for (EmbeddedSshServer s : servers) {
                assertThat(seen.get(s.port())).isEqualTo("on " + s.port());
                assertThat(s.sessionsOpened()).isEqualTo(1);
            }
        } finally {
            servers.forEach(EmbeddedSshServer::close);
        }
    }

    @Test
    void uploadsAndDownloadsOverSftpWithProgress() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("remote dir 'q'"));
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        Path src = Files.write(tmp.resolve("blob"), data);
        Remote r = remote();
        r.upload(src, dir.resolve("blob").toString());
        assertThat(Files.readAllBytes(dir.resolve("blob"))).isEqualTo(data);
        Path back = tmp.resolve("back");
        r.download(dir.resolve("blob").toString(), back);
        assertThat(Files.readAllBytes(back)).isEqualTo(data);
        Files.writeString(dir.resolve("note.txt"), "über\n");
        assertThat(r.download(dir.resolve("note.txt").toString())).isEqualTo("über\n");
        List<Event.TransferProgress> progress = events.stream().filter(e -> e instanceof Event.TransferProgress)
                .map(e -> (Event.TransferProgress) e).toList();
        assertThat(progress).anyMatch(p -> p.direction() == Event.Direction.UPLOAD && p.bytes() == 300_000 && p.total() == 300_000);
        assertThat(progress).anyMatch(p -> p.direction() == Event.Direction.UPLOAD && p.bytes() < 300_000);
        assertThat(progress).anyMatch(p -> p.direction() == Event.Direction.DOWNLOAD && p.bytes() == 300_000 && p.total() == 300_000);
    }

    @Test
    void transfersFallBackToCatWithoutAnSftpSubsystem() throws Exception {
        try (EmbeddedSshServer plain = EmbeddedSshServer.builder(tmp.resolve("nosftp")).sftp(false)
                .clientKeyPair(server.clientKeyPair()).start()) {
            plain.writeKnownHosts(knownHosts);
            Remote r = remote(backend, plain);
            Path target = tmp.resolve("cat target $(x) 'y'");
            r.upload("hello\nworld\n".getBytes(), target.toString());
            assertThat(Files.readString(target)).isEqualTo("hello\nworld\n");
            assertThat(r.download(target.toString())).isEqualTo("hello\nworld\n");
            assertThatThrownBy(() -> r.download(tmp.resolve("missing").toString()))
                    .isInstanceOf(RemoteException.class).hasMessageContaining("download of").hasMessageContaining("missing");
        }
    }

    @Test
    void aHangingCommandTimesOut() {
        Remote r = remote();
        assertThatThrownBy(() -> r.execute(Map.of("timeout", 1), "sleep", "30"))
                .isInstanceOf(CommandTimeoutException.class)
                .hasMessageContaining("sleep timed out after 1.0 s on " + host(server).label());
        assertThat(r.capture("echo", "still usable")).isEqualTo("still usable");
    }

    @Test
    void aCommandWaitingForInputWithoutHandlerGetsEndOfFile() {
        assertThat(remote().capture(Map.of("timeout", 5), "sh", "-c", "read x || echo eof")).isEqualTo("eof");
    }

    @Test
    void anInteractionHandlerAnswersAPrompt() {
        String answered = remote().capture(Map.of("interaction_handler", Map.of("name\\?", "capstan\n"), "timeout", 5),
                "sh", "-c", "printf 'name? '; read x; echo got:$x");
        assertThat(answered).isEqualTo("name? got:capstan");
    }

    @Test
    void aKeyTheHostRefusesFailsNamingHostAndKey() {
        Path wrong = tmp.resolve("id_wrong");
        EmbeddedSshServer.writePrivateKey(EmbeddedSshServer.generateKeyPair(), wrong);
        try (SshBackend b = backend(Map.of("keys", List.of(wrong.toString())))) {
            assertThatThrownBy(() -> remote(b, server).execute("true"))
                    .isInstanceOf(RemoteException.class)
                    .hasMessage("authentication failed for " + USER + "@127.0.0.1:" + server.port() + " (tried: " + wrong + ")");
        }
    }

    @Test
    void aMissingOrEmptyKeyFileIsNamed() throws Exception {
        Path empty = Files.writeString(tmp.resolve("id_empty"), "not a key\n");
        try (SshBackend b = backend(Map.of("keys", List.of(empty.toString())))) {
            assertThatThrownBy(() -> remote(b, server).execute("true"))
                    .hasMessageContaining("cannot connect to " + USER + "@127.0.0.1:" + server.port())
                    .hasMessageContaining(empty.toString());
        }
        try (SshBackend b = backend(Map.of("keys", List.of(tmp.resolve("nope").toString())))) {
            assertThatThrownBy(() -> remote(b, server).execute("true"))
                    .hasMessageContaining("ssh key file " + tmp.resolve("nope") + " does not exist");
        }
    }

    @Test
    void passwordAuthentication() {
        try (EmbeddedSshServer pw = EmbeddedSshServer.builder(tmp.resolve("pw")).password("hunter2").start();
             SshBackend b = new SshBackend(SshSettings.fromOptions(Map.of("keys", List.of(), "password", "hunter2",
                     "config", false, "user_known_hosts_file", pw.writeKnownHosts(tmp.resolve("pw_known")).toString())), events::add, null)) {
            assertThat(remote(b, pw).capture("echo", "in")).isEqualTo("in");
        }
        assertThat(events.toString()).doesNotContain("hunter2");
    }

    @Test
    void aRefusedConnectionIsNamed() {
        Remote r = new Remote(new Host("127.0.0.1", 1, "deploy", Set.of(), Map.of(), Map.of()), backend,
                RemoteSettings.defaults(), events::add, null);
        assertThatThrownBy(() -> r.execute("true")).isInstanceOf(RemoteException.class)
                .hasMessage("cannot connect to deploy@127.0.0.1:1: Connection refused");
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aHostThatNeverAnswersTimesOutNamingTheOptionOnceInARun() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"));
             SshBackend b = backend(Map.of("timeout", 1))) {
            java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
            List<java.net.Socket> held = Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                        accepted.incrementAndGet();
                    }
                } catch (java.io.IOException closed) {
                    // test over
                }
            });
            acceptor.start();
            Remote r = new Remote(new Host("127.0.0.1", silent.getLocalPort(), "deploy", Set.of(), Map.of(), Map.of()), b,
                    RemoteSettings.defaults(), events::add, null);
            String noAnswer = "cannot connect to deploy@127.0.0.1:" + silent.getLocalPort() + ": no answer within 1.0 s (ssh option timeout)";
            assertThatThrownBy(() -> r.execute("true")).isInstanceOf(RemoteException.class).hasMessage(noAnswer);
            // the failure handling (releasing the lock) does not wait for it a second time
            assertThatThrownBy(() -> r.execute("true")).isInstanceOf(RemoteException.class)
                    .hasMessage(noAnswer + "; not tried again in this run");
            assertThat(accepted.get()).as("one connection attempt").isEqualTo(1);
            silent.close();
            acceptor.join(5000);
            for (java.net.Socket s : held) s.close();
        }
    }

    @Test
    void aConnectionDroppedMidCommandFailsClearlyAndTheNextCommandReconnects() throws Exception {
        Remote r = remote();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> running = pool.submit(() -> r.execute("sleep", "20"));
            for (int i = 0; i < 500 && (!events.stream().anyMatch(e -> e instanceof Event.CommandStarted) || server.activeSessions().isEmpty()); i++) {
                Thread.sleep(20); // at most 10 s
            }
            Thread.sleep(300);
            server.dropConnections();
            assertThatThrownBy(running::get).hasCauseInstanceOf(RemoteException.class)
                    .hasMessageContaining("connection to " + USER + "@127.0.0.1:" + server.port() + " was lost while running sleep");
        } finally {
            pool.shutdownNow();
        }
        assertThat(r.capture("echo", "back")).isEqualTo("back");
        assertThat(server.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void aConnectionDroppedWhileIdleIsReplaced() throws Exception {
        Remote r = remote();
        r.execute("true");
        server.dropConnections();
        for (int i = 0; i < 500 && backend.openConnections() > 0; i++) Thread.sleep(20); // at most 10 s
        assertThat(r.capture("echo", "back")).isEqualTo("back");
        assertThat(server.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        try (SshBackend b = backend(Map.of("idle_timeout", 0.2))) {
            remote(b, server).execute("true");
            assertThat(b.openConnections()).isEqualTo(1);
            for (int i = 0; i < 200 && b.openConnections() > 0; i++) Thread.sleep(50); // at most 10 s
            assertThat(b.openConnections()).as("idle connections closed").isZero();
            assertThat(remote(b, server).test("true")).isTrue();
        }
        assertThat(server.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void anUnknownHostKeyIsRefusedUnderAlways() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty_known_hosts"), "");
        try (SshBackend b = backend(Map.of("user_known_hosts_file", empty.toString()))) {
            assertThatThrownBy(() -> remote(b, server).execute("true"))
                    .isInstanceOf(RemoteException.class)
                    .hasMessageContaining("host key verification failed for " + USER + "@127.0.0.1:" + server.port())
                    .hasMessageContaining("the host key of [127.0.0.1]:" + server.port() + " is not in " + empty)
                    .hasMessageContaining(org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(server.hostKey()))
                    .hasMessageContaining(server.knownHostsLine())
                    .hasMessageContaining("ssh-keyscan -p " + server.port() + " 127.0.0.1")
                    .hasMessageContaining("verify_host_key: 'accept_new'");
        }
        assertThat(Files.readString(empty)).isEmpty();
    }

    @Test
    void acceptNewRecordsAnUnknownKeyButRefusesAChangedOne() throws Exception {
        Path file = tmp.resolve("accept_new_known_hosts");
        try (SshBackend b = backend(Map.of("user_known_hosts_file", file.toString(), "verify_host_key", "accept_new"))) {
            assertThat(remote(b, server).capture("echo", "ok")).isEqualTo("ok");
        }
        assertThat(Files.readString(file)).contains("[127.0.0.1]:" + server.port() + " " + server.knownHostsLine().split(" ", 2)[1]);
        // the same host and port now presents another key
        String otherKey = org.apache.sshd.common.config.keys.PublicKeyEntry.toString(EmbeddedSshServer.generateKeyPair().getPublic());
        Files.writeString(file, "[127.0.0.1]:" + server.port() + " " + otherKey + "\n");
        try (SshBackend b = backend(Map.of("user_known_hosts_file", file.toString(), "verify_host_key", "accept_new"))) {
            assertThatThrownBy(() -> remote(b, server).execute("true"))
                    .hasMessageContaining("has CHANGED")
                    .hasMessageContaining(org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(server.hostKey()))
                    .hasMessageContaining("ssh-keygen -R '[127.0.0.1]:" + server.port() + "'");
        }
        assertThat(Files.readString(file)).isEqualTo("[127.0.0.1]:" + server.port() + " " + otherKey + "\n");
    }

    @Test
    void aServersOwnSshOptionsWinOverTheGlobalOnes() throws Exception {
        Path file = tmp.resolve("per_server_known_hosts");
        Host lenient = host(server).withSshOptions(Map.of("user_known_hosts_file", file.toString(), "verify_host_key", "accept_new"));
        assertThat(new Remote(lenient, backend, RemoteSettings.defaults(), events::add, null).test("true")).isTrue();
        assertThat(Files.readString(file)).contains(String.valueOf(server.port()));
        Host typo = host(server).withSshOptions(Map.of("forward_agnet", true));
        assertThatThrownBy(() -> new Remote(typo, backend, RemoteSettings.defaults(), events::add, null).test("true"))
                .hasMessageContaining("unknown ssh option 'forward_agnet'").hasMessageContaining("forward_agent");
    }

    @Test
    void anSshConfigAliasIsResolved() throws Exception {
        Path config = Files.writeString(tmp.resolve("ssh_config"), "Host web-alias\n"
                + "  HostName 127.0.0.1\n  Port " + server.port() + "\n  User " + USER + "\n"
                + "  IdentityFile " + server.clientKey() + "\n  IdentitiesOnly yes\n"
                + "  UserKnownHostsFile " + knownHosts + "\n  StrictHostKeyChecking yes\n");
        try (SshBackend b = new SshBackend(SshSettings.fromOptions(Map.of("config", config.toString())), events::add, null)) {
            Remote r = new Remote(Host.parse("web-alias"), b, RemoteSettings.defaults(), events::add, null);
            assertThat(r.capture("echo", "via alias")).isEqualTo("via alias");
        }
    }

    @Test
    void largeOutputIsStreamedNotHeld() {
        long[] bytes = {0};
        try (Coordinator c = new Coordinator(h -> backend, RemoteSettings.defaults(), e -> {
            if (e instanceof Event.CommandOutput o) bytes[0] += o.line().length() + 1;
        })) {
            c.on(List.of(host(server)), RunMode.PARALLEL,
                    r -> r.execute("sh", "-c", "head -c 50000000 /dev/zero | tr '\\0' 'x' | fold -w 1000"));
        }
        assertThat(bytes[0]).isEqualTo(50_000_000L + 50_000);
    }

    @Test
    void hostileInputArrivesLiterally() throws Exception {
        String hostile = "a b 'c' \"d\" $(touch pwned) `touch pwned2` ; \\ \n second";
        Path dir = Files.createDirectories(tmp.resolve("dir with 'quotes' $(x) and\nnewline"));
        Remote r = remote();
        r.within(dir.toString(), () -> r.with(Map.of("value", hostile), () -> {
            r.execute("sh", "-c", "printf %s \"$VALUE\" > env.txt");
            r.execute("printf", "%s", hostile, r.raw(">"), "arg file.txt");
            r.execute("touch", "$(touch pwned3)");
            r.execute("printf", "%s", "$HOME", r.raw(">"), "home.txt"); // arguments never expand; with() values expand $VARS as in SSHKit
        }));
        assertThat(Files.readString(dir.resolve("arg file.txt"))).isEqualTo(hostile);
        assertThat(Files.readString(dir.resolve("env.txt"))).isEqualTo(hostile);
        assertThat(dir.resolve("$(touch pwned3)")).exists();
        assertThat(Files.readString(dir.resolve("home.txt"))).isEqualTo("$HOME");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("pwned", "pwned2", "pwned3");
        }
        assertThat(tmp.resolve("pwned")).doesNotExist();
    }

    @Test
    void aFailureOnOneOfSeveralHostsIsListed() {
        try (Coordinator c = new Coordinator(h -> backend, RemoteSettings.defaults(), events::add)) {
            Host dead = new Host("127.0.0.1", 1, USER, Set.of(), Map.of(), Map.of());
            assertThatThrownBy(() -> c.on(List.of(host(server), dead), RunMode.PARALLEL, r -> r.execute("true")))
                    .isInstanceOf(OnFailedException.class)
                    .hasMessageContaining("cannot connect to " + USER + "@127.0.0.1:1: Connection refused");
        }
    }
}
