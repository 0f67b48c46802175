package dev.capstan.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Hosts in "another region": every round trip to them costs 40 ms more, through the fleet's latency shim. */
class FleetLatencyIT {
    static final int RTT = 40;
    static Fleet fleet;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Fleet.available(), "needs root, /usr/sbin/sshd, unshare and git (run .ci/run, or see docs/e2e.md)");
        fleet = Fleet.start(3, RTT);
    }

    @AfterAll
    static void stop() {
        if (fleet != null) fleet.close();
    }

    @Test
    void theShimDelaysTheHostsAndADeployAndRollbackSucceedThroughIt() throws Exception {
        for (FleetHost h : fleet.hosts) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(h.address, h.port), 2000);
                Instant sent = Instant.now();
                int first = s.getInputStream().read(); // sshd's banner, one way through the shim
                assertThat(first).isEqualTo('S');
                assertThat(Duration.between(sent, Instant.now()).toMillis()).isGreaterThanOrEqualTo(RTT / 2 - 1);
            }
        }
        Path p = Projects.capstan(fleet, "far", "/srv/far", fleet.hosts, "append 'linked_dirs', 'log'");
        Shell.Result r = Projects.capstan(fleet, p, "e2e", "deploy");
        assertThat(r.status()).as(r.out()).isZero();
        String first = null;
        for (FleetHost h : fleet.hosts) {
            HostState s = HostState.of(h, "/srv/far");
            assertThat(s.revision()).isEqualTo(fleet.head());
            assertThat(s.locked()).isFalse();
            if (first == null) first = s.current();
            assertThat(s.current()).as("one release name on every host").isEqualTo(first);
        }
        Thread.sleep(1100);
        fleet.commit("index.html", "v2\n", "second");
        String v2 = fleet.head();
        assertThat(Projects.capstan(fleet, p, "e2e", "deploy").status()).isZero();
        Shell.Result back = Projects.capstan(fleet, p, "e2e", "deploy:rollback");
        assertThat(back.status()).as(back.out()).isZero();
        for (FleetHost h : fleet.hosts) {
            HostState s = HostState.of(h, "/srv/far");
            assertThat(s.current()).isEqualTo(first);
            assertThat(s.releases()).as("the rolled-back release is archived and removed").containsExactly(first);
            assertThat(s.revisionLog()).hasSize(3).anyMatch(l -> l.contains(v2));
        }
    }
}
