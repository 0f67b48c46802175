package dev.capstan.deploy;

import dev.capstan.remote.backend.ssh.EmbeddedSshServer;
import dev.capstan.remote.backend.ssh.SshBackend;
import dev.capstan.remote.backend.ssh.SshSettings;
import dev.capstan.remote.event.EventListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The one host of a deploy test reached over SSH: an embedded server running /bin/sh on this machine. */
final class EmbeddedSshHost implements AutoCloseable {
    final EmbeddedSshServer server;
    private final Map<String, Object> sshOptions;

    EmbeddedSshHost(Path tmp) throws Exception {
        this(tmp, false);
    }

    /** {@code sftp}: the server also speaks SFTP (uploads). */
    EmbeddedSshHost(Path tmp, boolean sftp) throws Exception {
        server = EmbeddedSshServer.builder(Files.createDirectories(tmp.resolve("sshd"))).sftp(sftp).start();
        Path known = server.writeKnownHosts(tmp.resolve("known_hosts"));
        sshOptions = Map.of("keys", List.of(server.clientKey().toString()), "user_known_hosts_file", known.toString(),
                "config", false, "use_agent", false);
    }

    DeployHarness harness() {
        return harness("scm/git");
    }

    DeployHarness harness(String scm) {
        DeployHarness h = new DeployHarness(new SshBackend(SshSettings.fromOptions(sshOptions), EventListener.NONE), "deploy", scm);
        h.config.servers().server(label(), Map.of("roles", List.of("app")));
        return h;
    }

    String label() {
        return System.getProperty("user.name") + "@" + server.host() + ":" + server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
