package dev.capstan.deploy;

import dev.capstan.remote.backend.ssh.EmbeddedSshServer;
import dev.capstan.remote.backend.ssh.SshBackend;
import dev.capstan.remote.backend.ssh.SshSettings;
import dev.capstan.remote.event.EventListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deploy flow over SSH against an embedded server, including a failure after publishing. */
class DeployOverSshIT {
    @TempDir Path tmp;

    @Test
    void deploysRollsBackAndHandlesAFailureAfterPublishingOverSsh() throws Exception {
        Path repo = DeployHarness.gitRepo(tmp.resolve("src"), Map.of("index.html", "v1\n"));
        try (EmbeddedSshServer a = EmbeddedSshServer.start(Files.createDirectories(tmp.resolve("a")))) {
            Path known = tmp.resolve("known_hosts");
            Files.writeString(known, a.knownHostsLine() + "\n");
            Map<String, Object> ssh = Map.of("keys", List.of(a.clientKey().toString()), "user_known_hosts_file", known.toString(),
                    "config", false, "use_agent", false);
            Path deployTo = tmp.resolve("srv/app");
            String user = System.getProperty("user.name");
            java.util.function.Supplier<DeployHarness> harness = () -> {
                DeployHarness h = new DeployHarness(new SshBackend(SshSettings.fromOptions(ssh), EventListener.NONE), "deploy", "scm/git");
                h.config.set("application", "app");
                h.config.set("repo_url", repo.toString());
                h.config.set("deploy_to", deployTo.toString());
                h.config.set("local_user", "alice");
                h.config.servers().server(user + "@" + a.host() + ":" + a.port(), Map.of("roles", List.of("app")));
                return h;
            };
            try (DeployHarness h = harness.get()) {
                h.run("deploy");
            }
            String first = Files.readSymbolicLink(deployTo.resolve("current")).getFileName().toString();
            assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v1\n");

            DeployHarness.commit(repo, Map.of("index.html", "v2\n"), "second");
            try (DeployHarness h = harness.get()) {
                h.tasks.define("notify", null, ctx -> { throw new IllegalStateException("notification service down"); });
                h.tasks.after("deploy:published", "notify", null);
                h.tasks.define("record_failure", null, ctx -> Files.writeString(tmp.resolve("failed-ran"), "yes"));
                h.tasks.after("deploy:failed", "record_failure", null);
                assertThatThrownBy(() -> h.run("deploy")).hasMessageContaining("notification service down");
            }
            // published before the failure: current is the new release, deploy:failed ran, the lock is released
            assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v2\n");
            assertThat(tmp.resolve("failed-ran")).exists();
            assertThat(deployTo.resolve(".capstan-lock")).doesNotExist();

            try (DeployHarness h = harness.get()) {
                h.run("deploy:rollback");
            }
            assertThat(Files.readSymbolicLink(deployTo.resolve("current")).getFileName().toString()).isEqualTo(first);
            assertThat(a.sessionsOpened()).as("one connection per run").isEqualTo(3);
        }
    }
}
