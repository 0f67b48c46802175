package dev.capstan.deploy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test of {@link DeploySafetyIT} again over SSH (an embedded server running /bin/sh), and a connection
 * cut just before publishing: the host still ends on the new release, its lock released.
 */
class DeploySafetyOverSshIT extends DeploySafetyIT {
    private EmbeddedSshHost host;

    @BeforeEach
    void startServer() throws Exception {
        host = new EmbeddedSshHost(tmp);
    }

    @AfterEach
    void stopServer() {
        host.close();
    }

    @Override
    DeployHarness newHarness() {
        return host.harness();
    }

    @Override
    String hostLabel() {
        return host.label();
    }

    @Test
    void aConnectionCutJustBeforePublishingStillEndsWithTheHostOnTheNewRelease() throws Exception {
        try (DeployHarness h = harness()) {
            h.run("deploy");
        }
        DeployHarness.commit(repo, java.util.Map.of("index.html", "v2\n"), "second");
        try (DeployHarness h = harness()) {
            h.tasks.define("cut", null, ctx -> host.server.dropConnections());
            h.tasks.before("deploy:publishing", "cut", null);
            h.run("deploy");
        }
        assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v2\n");
        assertThat(Files.readAllLines(deployTo.resolve("revisions.log"))).hasSize(2);
        assertThat(deployTo.resolve(".capstan-lock")).doesNotExist();
    }
}
