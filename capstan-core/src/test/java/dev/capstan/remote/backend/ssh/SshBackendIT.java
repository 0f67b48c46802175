package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.Cancellation;
import dev.capstan.remote.CommandFailedException;
import dev.capstan.remote.CommandTimeoutException;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.Host;
import dev.capstan.remote.Remote;
import dev.capstan.remote.RemoteException;
import dev.capstan.remote.RemoteSettings;
import dev.capstan.remote.RunMode;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSH backend against a real SSH server running real shell commands. */
class SshBackendIT {
    @TempDir static Path dir;
    static EmbeddedSshServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new EmbeddedSshServer(dir, "127.0.0.1", 10);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Host host() {
        return Host.parse(System.getProperty("user.name") + "@127.0.0.1:" + server.port());
    }

    private static SshBackend backend(Map<String, Object> extra) {
        Map<String, Object> o = new HashMap<>(server.options());
        o.putAll(extra);
        return new SshBackend(SshSettings.fromOptions(o), EventListener.NONE);
    }

    private static Remote remote(SshBackend b, List<Event> events) {
        return new Remote(host(), b, RemoteSettings.defaults(), events::add, new Cancellation());
    }

    @Test
    void runsCommandsOnOnePooledConnection() {
        int before = server.sessions.get();
        try (SshBackend b = backend(Map.of())) {
            Remote r = remote(b, new ArrayList<>());
            assertThat(r.capture("echo", "hello world")).isEqualTo("hello world");
            assertThat(r.test("false")).isFalse();
            for (int i = 0; i < 20; i++) r.execute("true");
            assertThatThrownBy(() -> r.execute("sh", "-c", "echo oops >&2; exit 4"))
                    .isInstanceOf(CommandFailedException.class)
                    .hasMessageContaining("sh exit status: 4 on " + host().label())
                    .hasMessageContaining("oops");
        }
        assertThat(server.sessions.get() - before).isEqualTo(1);
    }

    @Test
    void manyConcurrentCommandsOnOneHostNeverExceedTheServersChannelLimit() throws Exception {
        try (SshBackend b = backend(Map.of("max_sessions", 10))) {
            ExecutorService pool = Executors.newFixedThreadPool(30);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int n = i;
                results.add(pool.submit(() -> remote(b, new ArrayList<>()).capture("sh", "-c", "sleep 0.2; echo " + n)));
            }
            for (int i = 0; i < 30; i++) assertThat(results.get(i).get()).isEqualTo(String.valueOf(i));
            pool.shutdown();
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWithHowToAcceptIt() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
        try (SshBackend b = backend(Map.of("user_known_hosts_file", empty.toString()))) {
            assertThatThrownBy(() -> remote(b, new ArrayList<>()).execute("true"))
                    .isInstanceOf(RemoteException.class)
                    .hasMessageContaining("host key refused")
                    .hasMessageContaining("is not in " + empty)
                    .hasMessageContaining("ssh-keyscan -p " + server.port() + " 127.0.0.1")
                    .hasMessageContaining("accept_new");
        }
    }

    @Test
    void acceptNewRecordsAnUnknownKeyButAChangedKeyIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("accept_new_known_hosts"), "");
        try (SshBackend b = backend(Map.of("user_known_hosts_file", file.toString(), "verify_host_key", "accept_new"))) {
            remote(b, new ArrayList<>()).execute("true");
        }
        assertThat(Files.readString(file)).isEqualTo(server.knownHostsLine());
        // another key for the same host and port: changed
        Path other = dir.resolve("other");
        EmbeddedSshServer.keygen(other);
        String otherKey = Files.readString(dir.resolve("other.pub")).split(" ")[0] + " " + Files.readString(dir.resolve("other.pub")).split(" ")[1];
        Files.writeString(file, "[127.0.0.1]:" + server.port() + " " + otherKey + "\n");
        try (SshBackend b = backend(Map.of("user_known_hosts_file", file.toString(), "verify_host_key", "accept_new"))) {
            assertThatThrownBy(() -> remote(b, new ArrayList<>()).execute("true"))
                    .hasMessageContaining("has CHANGED")
                    .hasMessageContaining("ssh-keygen -R");
        }
    }

    @Test
    void aWrongKeyFailsAuthenticationNamingTheHost() throws Exception {
        Path wrong = dir.resolve("wrong");
        EmbeddedSshServer.keygen(wrong);
        try (SshBackend b = backend(Map.of("keys", List.of(wrong.toString())))) {
            assertThatThrownBy(() -> remote(b, new ArrayList<>()).execute("true"))
                    .hasMessageContaining("authentication failed for " + System.getProperty("user.name") + "@127.0.0.1:" + server.port());
        }
    }

    @Test
    void aRefusedConnectionIsNamed() {
        Map<String, Object> o = new HashMap<>(server.options());
        try (SshBackend b = new SshBackend(SshSettings.fromOptions(o), EventListener.NONE)) {
            Remote r = new Remote(Host.parse("127.0.0.1:1"), b, RemoteSettings.defaults(), e -> {}, new Cancellation());
            assertThatThrownBy(() -> r.execute("true")).hasMessageContaining("cannot connect to").hasMessageContaining("127.0.0.1:1");
        }
    }

    @Test
    void aHangingCommandTimesOutAndInputIsEndOfFileWithoutAHandler() {
        try (SshBackend b = backend(Map.of())) {
            Remote r = remote(b, new ArrayList<>());
            assertThatThrownBy(() -> r.execute(Map.of("timeout", 0.5), "sleep", "30"))
                    .isInstanceOf(CommandTimeoutException.class).hasMessageContaining("timed out after 0.5 s");
            assertThat(r.capture(Map.of("timeout", 5), "sh", "-c", "read x || echo eof")).isEqualTo("eof");
            String answered = r.capture(Map.of("interaction_handler", Map.of("Password:", "s3cret\n"), "timeout", 5),
                    "sh", "-c", "printf 'Password: '; read pw; echo got:$pw");
            assertThat(answered).endsWith("got:s3cret");
        }
    }

    @Test
    void uploadsAndDownloadsOverSftp() throws Exception {
        Path target = dir.resolve("uploaded dir");
        Files.createDirectories(target);
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        try (SshBackend b = backend(Map.of())) {
            Remote r = remote(b, events);
            byte[] data = new byte[300_000];
            new java.util.Random(1).nextBytes(data);
            Path src = Files.write(dir.resolve("blob"), data);
            r.upload(src, target.resolve("blob").toString());
            assertThat(Files.readAllBytes(target.resolve("blob"))).isEqualTo(data);
            Files.writeString(target.resolve("note.txt"), "über\n");
            assertThat(r.download(target.resolve("note.txt").toString())).isEqualTo("über\n");
        }
        assertThat(events).anyMatch(e -> e instanceof Event.TransferProgress p && p.bytes() == 300_000 && p.total() == 300_000);
    }

    @Test
    void aDroppedConnectionIsReplacedOnNextUse() throws Exception {
        try (SshBackend b = backend(Map.of())) {
            Remote r = remote(b, new ArrayList<>());
            r.execute("true");
            for (var s : server.server.getActiveSessions()) s.close(true);
            Thread.sleep(200);
            assertThat(r.capture("echo", "back")).isEqualTo("back");
        }
    }

    @Test
    void hostileArgumentsArriveLiterallyOverSsh() throws Exception {
        String hostile = "a b 'c' \"d\" $(touch pwned) `x` ; \\ \n second";
        Path target = dir.resolve("hostile $x 'y'");
        try (SshBackend b = backend(Map.of())) {
            Remote r = remote(b, new ArrayList<>());
            r.within(dir.toString(), () -> r.with(Map.of("value", hostile), () ->
                    r.execute("sh", "-c", "printf %s \"$VALUE\" > \"$1\"", "sh", target.toString())));
        }
        assertThat(Files.readString(target)).isEqualTo(hostile);
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void aLargeOutputIsStreamedNotHeldWhenNotCaptured() {
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        long[] bytes = {0};
        try (SshBackend b = backend(Map.of());
             Coordinator c = new Coordinator(h -> b, RemoteSettings.defaults(), e -> {
                 if (e instanceof Event.CommandOutput o) bytes[0] += o.line().length() + 1;
                 else events.add(e);
             })) {
            c.on(List.of(host()), RunMode.PARALLEL, r -> r.execute("sh", "-c", "head -c 50000000 /dev/zero | tr '\\0' 'x' | fold -w 1000"));
        }
        assertThat(bytes[0]).isEqualTo(50_000_000L + 50_000);
    }

    @Test
    void settingsRejectUnknownOptionsAndNeverShowThePassword() {
        assertThatThrownBy(() -> SshSettings.fromOptions(Map.of("forward_agnet", true)))
                .hasMessageContaining("unknown ssh option 'forward_agnet'").hasMessageContaining("forward_agent");
        assertThat(SshSettings.fromOptions(Map.of("password", "hunter2")).toString()).doesNotContain("hunter2");
        assertThat(SshSettings.defaults().merge(Map.of("port", 2222)).port()).isEqualTo(2222);
        assertThat(Duration.ofSeconds(10)).isEqualTo(SshSettings.defaults().connectTimeout());
    }
}
