package dev.capstan.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fleet itself (OpenSSH's own client sees a separate /srv per host, agent forwarding reaches the git host,
 * no process outlives the fleet) and faults on a host: permission denied on deploy_to, a path with a space.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetFaultsIT {
    static Fleet fleet;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Fleet.available(), "needs root, /usr/sbin/sshd, unshare and git (run .ci/run, or see docs/e2e.md)");
        fleet = Fleet.start(2);
    }

    @AfterAll
    static void stop() {
        if (fleet != null) fleet.close();
    }

    private static Shell.Result ssh(FleetHost h, String remoteCommand) {
        return Shell.run(null, Map.of("SSH_AUTH_SOCK", fleet.agentSocket.toString()), 60, List.of("ssh", "-A",
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + fleet.knownHosts,
                "-o", "IdentitiesOnly=yes", "-i", fleet.clientKey.toString(), "-p", String.valueOf(h.port),
                Fleet.USER + "@" + h.address, remoteCommand));
    }

    @Test
    @Order(1)
    void opensshSeesOneSrvPerHostAndTheForwardedAgentReachesGit() throws Exception {
        for (FleetHost h : fleet.hosts) {
            Shell.Result r = ssh(h, "echo " + h.name + " > /srv/whoami && cat /srv/whoami && git ls-remote " + fleet.repoUrl() + " main");
            assertThat(r.status()).as(r.out()).isZero();
            assertThat(r.out()).contains(h.name, fleet.head());
            assertThat(Files.readString(h.srv().resolve("whoami")).trim()).isEqualTo(h.name);
        }
        assertThat(Files.exists(Path.of("/srv/whoami"))).as("the machine's own /srv is untouched").isFalse();
    }

    @Test
    @Order(2)
    void permissionDeniedOnDeployToFailsNamingTheHostAndNothingSwitches() throws Exception {
        FleetHost denied = fleet.hosts.get(1);
        Files.createDirectories(denied.srv().resolve("denied"));
        Shell.ok("chown", "root:root", denied.srv().resolve("denied").toString());
        Shell.ok("chmod", "755", denied.srv().resolve("denied").toString());
        Path p = Projects.capstan(fleet, "denied", "/srv/denied", fleet.hosts, "");
        Shell.Result r = Projects.capstan(fleet, p, "e2e", "deploy");
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains(denied.address).containsIgnoringCase("permission denied");
        for (FleetHost h : fleet.hosts) {
            HostState s = HostState.of(h, "/srv/denied");
            assertThat(s.current()).as("no current on " + h.name).isNull();
            assertThat(s.locked()).as("no lock left on " + h.name).isFalse();
        }
    }

    @Test
    @Order(3)
    void aDeployPathWithASpaceAndADollar() throws Exception {
        String deployTo = "/srv/my app $HOME";
        Path p = Projects.capstan(fleet, "hostile", deployTo, fleet.hosts, "append 'linked_dirs', 'log dir'");
        Shell.Result r = Projects.capstan(fleet, p, "e2e", "deploy");
        assertThat(r.status()).as(r.out()).isZero();
        for (FleetHost h : fleet.hosts) {
            HostState s = HostState.of(h, deployTo);
            assertThat(s.revision()).isEqualTo(fleet.head());
            assertThat(Files.isSymbolicLink(h.srv().resolve("my app $HOME/releases/" + s.current() + "/log dir"))).isTrue();
        }
    }

    @Test
    @Order(4)
    void noProcessOutlivesAFleet() throws Exception {
        Fleet small = Fleet.start(1);
        String root = small.root.toString();
        assertThat(Shell.run(null, Map.of(), 10, List.of("pgrep", "-f", root)).status()).as("the fleet runs").isZero();
        small.close();
        Shell.Result left = Shell.run(null, Map.of(), 10, List.of("pgrep", "-af", root));
        assertThat(left.status()).as("left over: " + left.out()).isEqualTo(1);
    }
}
