package dev.capstan.deploy;

import dev.capstan.remote.backend.ssh.EmbeddedSshServer;
import dev.capstan.remote.backend.ssh.SshBackend;
import dev.capstan.remote.backend.ssh.SshSettings;
import dev.capstan.remote.event.EventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Every test of {@link DeployFlowIT} again, with the host reached over SSH (an embedded server running /bin/sh). */
class DeployFlowOverSshIT extends DeployFlowIT {
    private EmbeddedSshServer server;
    private Map<String, Object> sshOptions;

    @BeforeEach
    void startServer() throws Exception {
        server = EmbeddedSshServer.start(Files.createDirectories(tmp.resolve("sshd")));
        Path known = server.writeKnownHosts(tmp.resolve("known_hosts"));
        sshOptions = Map.of("keys", List.of(server.clientKey().toString()), "user_known_hosts_file", known.toString(),
                "config", false, "use_agent", false);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Override
    DeployHarness newHarness() {
        DeployHarness h = new DeployHarness(new SshBackend(SshSettings.fromOptions(sshOptions), EventListener.NONE), "deploy", "scm/git");
        h.config.servers().server(hostLabel(), Map.of("roles", List.of("app")));
        return h;
    }

    @Override
    String hostLabel() {
        return System.getProperty("user.name") + "@" + server.host() + ":" + server.port();
    }
}
