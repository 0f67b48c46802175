package dev.capstan.deploy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Every test of {@link DeployFlowIT} again, with the host reached over SSH (an embedded server running /bin/sh). */
class DeployFlowOverSshIT extends DeployFlowIT {
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
}
