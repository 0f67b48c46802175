package dev.capstan.e2e;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.capstan.e2e.Projects.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deploys through bin/capstan to real OpenSSH hosts and checks every host afterwards: layout, switching,
 * rollback, a dead host, the lock, a changed host key, 20 hosts at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetDeployIT {
    @WithFleet(3) static Fleet fleet;

    @Test
    @Order(1)
    void deploysEveryHostWithTheForwardedAgentThenRollsBack() throws Exception {
        Path p = Projects.capstan(fleet, "basic", "/srv/basic", fleet.hosts, "append 'linked_dirs', 'log'");
        long[] before = new long[fleet.hosts.size()];
        for (int i = 0; i < before.length; i++) before[i] = fleet.hosts.get(i).connections();
        succeeded(Projects.capstan(fleet, p, "e2e", "deploy"));
        String first = fleet.head();
        for (int i = 0; i < fleet.hosts.size(); i++) {
            FleetHost h = fleet.hosts.get(i);
            HostState s = HostState.of(h, "/srv/basic");
            assertThat(s.releases()).hasSize(1);
            assertThat(s.current()).isEqualTo(s.releases().get(0));
            assertThat(s.revision()).isEqualTo(first);
            assertThat(s.revisionLog()).containsExactly("Branch main (at " + first + ") deployed as release " + s.current() + " by e2e");
            assertThat(s.locked()).isFalse();
            assertThat(Files.isSymbolicLink(h.srv().resolve("basic/releases/" + s.current() + "/log"))).isTrue();
            assertThat(h.connections() - before[i]).as("one SSH connection per host for the whole deploy").isEqualTo(1);
        }
        List<String> firstReleases = new ArrayList<>();
        for (FleetHost h : fleet.hosts) firstReleases.add(HostState.of(h, "/srv/basic").current());
        assertThat(firstReleases).as("one release name for every host").containsOnly(firstReleases.get(0));

        Thread.sleep(1100);
        fleet.commit("index.html", "v2\n", "second");
        succeeded(Projects.capstan(fleet, p, "e2e", "deploy"));
        for (FleetHost h : fleet.hosts) {
            HostState s = HostState.of(h, "/srv/basic");
            assertThat(s.revision()).isEqualTo(fleet.head());
            assertThat(Files.readString(h.srv().resolve("basic/releases/" + s.current() + "/index.html"))).isEqualTo("v2\n");
        }

        succeeded(Projects.capstan(fleet, p, "e2e", "deploy:rollback"));
        for (FleetHost h : fleet.hosts) {
            HostState s = HostState.of(h, "/srv/basic");
            assertThat(s.current()).isEqualTo(firstReleases.get(0));
            assertThat(s.revision()).isEqualTo(first);
            assertThat(s.revisionLog()).last().isEqualTo("e2e rolled back to release " + firstReleases.get(0));
        }
        Shell.Result status = Projects.capstan(fleet, p, "e2e", "deploy:status");
        succeeded(status);
        assertThat(status.out()).contains(firstReleases.get(0), first.substring(0, 12));
    }

    @Test
    @Order(2)
    void aDeadHostStopsTheDeployBeforeAnyHostSwitches() throws Exception {
        Path p = Projects.capstan(fleet, "dead", "/srv/dead", fleet.hosts, "");
        succeeded(Projects.capstan(fleet, p, "e2e", "deploy"));
        List<String> before = new ArrayList<>();
        for (FleetHost h : fleet.hosts) before.add(HostState.of(h, "/srv/dead").current());
        FleetHost victim = fleet.hosts.get(1);
        fleet.stop(victim);
        try {
            Thread.sleep(1100);
            fleet.commit("index.html", "v3\n", "third");
            Shell.Result r = Projects.capstan(fleet, p, "e2e", "deploy");
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.out()).contains("cannot connect to deploy@" + victim.address + ":" + victim.port);
            for (int i = 0; i < fleet.hosts.size(); i++) {
                HostState s = HostState.of(fleet.hosts.get(i), "/srv/dead");
                assertThat(s.current()).as("no host switched").isEqualTo(before.get(i));
                assertThat(s.locked()).as("lock released on " + fleet.hosts.get(i).name).isFalse();
            }
        } finally {
            fleet.restart(victim);
        }
        succeeded(Projects.capstan(fleet, p, "e2e", "deploy"));
        for (FleetHost h : fleet.hosts) assertThat(HostState.of(h, "/srv/dead").revision()).isEqualTo(fleet.head());
    }

    @Test
    @Order(3)
    void aConcurrentDeployIsRefusedByTheLock() throws Exception {
        Path p = Projects.capstan(fleet, "lock", "/srv/lock", fleet.hosts, "");
        FleetHost h = fleet.hosts.get(0);
        Path lock = h.srv().resolve("lock/.capstan-lock");
        Files.createDirectories(lock);
        Files.writeString(lock.resolve("info"), "user=alice host=laptop stage=e2e since=" + (System.currentTimeMillis() / 1000) + " token=x\n");
        Shell.ok("chown", "-R", Fleet.USER + ":" + Fleet.USER, h.srv().resolve("lock").toString());
        Shell.Result r = Projects.capstan(fleet, p, "e2e", "deploy");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("deploy is locked on 1 host(s)", "locked by alice from laptop", "deploy:unlock");
        for (FleetHost x : fleet.hosts) assertThat(HostState.of(x, "/srv/lock").current()).isNull();
        assertThat(Files.exists(lock)).as("someone else's lock is kept").isTrue();
        succeeded(Projects.capstan(fleet, p, "e2e", "deploy", "--force-unlock"));
        for (FleetHost x : fleet.hosts) assertThat(HostState.of(x, "/srv/lock").current()).isNotNull();
    }

    @Test
    @Order(4)
    void aChangedHostKeyIsRefused() throws Exception {
        Path p = Projects.capstan(fleet, "hostkey", "/srv/hostkey", fleet.hosts, "");
        Path saved = fleet.root.resolve("known_hosts.saved");
        Files.copy(fleet.knownHosts, saved);
        try {
            String victim = fleet.hosts.get(2).hostKeyLine();
            String other = fleet.git.hostKeyLine().substring(fleet.git.hostKeyLine().indexOf(' '));
            Files.writeString(fleet.knownHosts, Files.readString(fleet.knownHosts).replace(victim,
                    victim.substring(0, victim.indexOf(' ')) + other));
            Shell.Result r = Projects.capstan(fleet, p, "e2e", "deploy");
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.out()).contains("has CHANGED");
            for (FleetHost h : fleet.hosts) assertThat(HostState.of(h, "/srv/hostkey").current()).isNull();
        } finally {
            Files.copy(saved, fleet.knownHosts, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Order(5)
    void twentyHostsDeployInParallel() throws Exception {
        while (fleet.hosts.size() < 20) fleet.addHost();
        Path p = Projects.capstan(fleet, "twenty", "/srv/twenty", fleet.hosts, "");
        long start = System.nanoTime();
        succeeded(Projects.capstan(fleet, p, "e2e", "deploy"));
        System.out.printf("20-host deploy: %.1f s%n", (System.nanoTime() - start) / 1e9);
        String release = null;
        for (FleetHost h : fleet.hosts) {
            HostState s = HostState.of(h, "/srv/twenty");
            assertThat(s.revision()).isEqualTo(fleet.head());
            if (release == null) release = s.current();
            assertThat(s.current()).isEqualTo(release);
        }
        // --hosts narrows to one host
        Thread.sleep(1100);
        Shell.Result one = Projects.capstan(fleet, p, "e2e", "deploy", "--hosts", fleet.hosts.get(4).address);
        succeeded(one);
        assertThat(HostState.of(fleet.hosts.get(4), "/srv/twenty").releases()).hasSize(2);
        assertThat(HostState.of(fleet.hosts.get(5), "/srv/twenty").releases()).hasSize(1);
    }
}
