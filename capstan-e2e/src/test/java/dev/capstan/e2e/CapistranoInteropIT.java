package dev.capstan.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real Capistrano 3.17 (Debian's cap) and Capstan take turns on the same hosts; the layout stays consistent. */
class CapistranoInteropIT {
    @WithFleet(value = 2, needs = "/usr/bin/cap") static Fleet fleet; // Debian's capistrano package

    private static void ok(Shell.Result r) {
        assertThat(r.status()).as(r.out()).isZero();
    }

    @Test
    void capDeploysThenCapstanDeploysAndRollsBackToCapsRelease() throws Exception {
        Path cap = Projects.capistrano(fleet, "a", "/srv/a", fleet.hosts);
        Path capstan = Projects.capstan(fleet, "a", "/srv/a", fleet.hosts, "");
        ok(Projects.cap(fleet, cap, "e2e", "deploy"));
        String capRevision = fleet.head();
        List<String> capReleases = fleet.hosts.stream().map(h -> state(h, "/srv/a").current()).toList();

        Thread.sleep(1100);
        fleet.commit("index.html", "capstan\n", "by capstan");
        ok(Projects.capstan(fleet, capstan, "e2e", "deploy"));
        for (FleetHost h : fleet.hosts) {
            HostState s = state(h, "/srv/a");
            assertThat(s.releases()).hasSize(2);
            assertThat(s.revision()).isEqualTo(fleet.head());
            assertThat(s.revisionLog()).hasSize(2);
            assertThat(s.revisionLog().get(0)).startsWith("Branch main (at " + capRevision + ") deployed as release").endsWith(" by cap");
            assertThat(s.revisionLog().get(1)).endsWith(" by e2e");
        }

        ok(Projects.capstan(fleet, capstan, "e2e", "deploy:rollback"));
        for (int i = 0; i < fleet.hosts.size(); i++) {
            HostState s = state(fleet.hosts.get(i), "/srv/a");
            assertThat(s.current()).isEqualTo(capReleases.get(i));
            assertThat(s.revision()).isEqualTo(capRevision);
        }
    }

    @Test
    void capstanDeploysTwiceThenCapRollsBack() throws Exception {
        Path cap = Projects.capistrano(fleet, "b", "/srv/b", fleet.hosts);
        Path capstan = Projects.capstan(fleet, "b", "/srv/b", fleet.hosts, "");
        ok(Projects.capstan(fleet, capstan, "e2e", "deploy"));
        String first = fleet.head();
        List<String> firstReleases = fleet.hosts.stream().map(h -> state(h, "/srv/b").current()).toList();
        Thread.sleep(1100);
        fleet.commit("index.html", "second\n", "second");
        ok(Projects.capstan(fleet, capstan, "e2e", "deploy"));

        ok(Projects.cap(fleet, cap, "e2e", "deploy:rollback"));
        for (int i = 0; i < fleet.hosts.size(); i++) {
            HostState s = state(fleet.hosts.get(i), "/srv/b");
            assertThat(s.current()).isEqualTo(firstReleases.get(i));
            assertThat(s.revision()).isEqualTo(first);
            assertThat(s.revisionLog()).last().isEqualTo("cap rolled back to release " + firstReleases.get(i));
        }
        // and cap's cleanup accepts Capstan's releases
        ok(Projects.cap(fleet, cap, "e2e", "deploy:cleanup"));
    }

    private static HostState state(FleetHost h, String deployTo) {
        try {
            return HostState.of(h, deployTo);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
