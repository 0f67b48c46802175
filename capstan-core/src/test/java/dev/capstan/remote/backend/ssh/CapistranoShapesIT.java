package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.Host;
import dev.capstan.remote.Remote;
import dev.capstan.remote.RemoteSettings;
import dev.capstan.remote.event.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shapes Capistrano projects use for transfers, timeouts and net-ssh options, over the embedded MINA server. */
@Timeout(60)
class CapistranoShapesIT {
    @TempDir Path tmp;
    EmbeddedSshServer server;
    SshBackend backend;
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        server = EmbeddedSshServer.start(tmp.resolve("server"));
        Path knownHosts = server.writeKnownHosts(tmp.resolve("known_hosts"));
        Map<String, Object> o = new HashMap<>(SshBackendIT.options(server, knownHosts));
        // net-ssh names Capistrano users set: accepted, Capstan behaves so already
        o.putAll(Map.of("non_interactive", true, "keepalive", true, "compression", false, "paranoid", "always",
                "auth_methods", List.of("publickey")));
        backend = new SshBackend(SshSettings.fromOptions(o), events::add, null);
    }

    @AfterEach
    void stop() {
        backend.close();
        server.close();
    }

    private Remote remote() {
        Host h = new Host(server.host(), server.port(), SshBackendIT.USER, Set.of("app"), Map.of(), Map.of());
        return new Remote(h, backend, RemoteSettings.defaults(), events::add, null);
    }

    @Test
    void uploadsADirectoryRecursivelyLikeScp() throws Exception {
        Path local = Files.createDirectories(tmp.resolve("assets/css"));
        Files.writeString(local.resolve("site.css"), "body{}\n");
        Files.writeString(tmp.resolve("assets/app.js"), "x()\n");
        Remote r = remote();
        Path fresh = tmp.resolve("remote/new");
        Files.createDirectories(fresh.getParent());
        r.upload(Map.of("recursive", true), tmp.resolve("assets").toString(), fresh.toString());
        assertThat(fresh.resolve("css/site.css")).hasContent("body{}");
        assertThat(fresh.resolve("app.js")).hasContent("x()");
        Path existing = Files.createDirectories(tmp.resolve("remote/existing"));
        r.upload(Map.of("recursive", true), tmp.resolve("assets"), existing.toString());
        assertThat(existing.resolve("assets/css/site.css")).as("into an existing directory: dest/dir, as scp -r").hasContent("body{}");
        assertThatThrownBy(() -> r.upload(tmp.resolve("assets").toString(), fresh.toString()))
                .hasMessageContaining("is a directory: upload it with recursive: true");
    }

    @Test
    void downloadsToALocalPathGivenAsAString() throws Exception {
        Path remoteFile = Files.writeString(tmp.resolve("remote.txt"), "data\n");
        String local = tmp.resolve("local.txt").toString();
        remote().download(remoteFile.toString(), local);
        assertThat(Path.of(local)).hasContent("data");
    }

    @Test
    void aTimeoutWithRaiseOffFailsTheCommandNotTheTask() {
        Remote r = remote();
        boolean ok = r.execute(Map.of("timeout", 1, "raise_on_non_zero_exit", false), "sleep", "5");
        assertThat(ok).isFalse();
        assertThat(events).anyMatch(e -> e instanceof Event.LogMessage m && m.message().contains("timed out after 1.0 s"));
        assertThat(r.capture("echo", "after")).isEqualTo("after");
        assertThatThrownBy(() -> r.execute(Map.of("timeout", 1), "sleep", "5")).hasMessageContaining("timed out");
    }
}
