package dev.capstan.e2e;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.capstan.e2e.Projects.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

/** Fleet topology: hosts in groups with a limit and a wait, a --roles filter, a no_release host. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetTopologyIT {
    @WithFleet(3) static Fleet fleet;

    private static double stamp(FleetHost h, String name) throws Exception {
        return Double.parseDouble(Files.readString(h.srv().resolve("topo/" + name)).trim());
    }

    /** h1: app and web, h2: app, h3: db and no_release. */
    private static void topology(Path project) throws Exception {
        Projects.stage(project,
                "server '" + fleet.hosts.get(0).spec(Fleet.USER) + "', roles: ['app', 'web']",
                "server '" + fleet.hosts.get(1).spec(Fleet.USER) + "', roles: ['app']",
                "server '" + fleet.hosts.get(2).spec(Fleet.USER) + "', roles: ['db'], no_release: true");
    }

    @Test
    @Order(1)
    void groupsWithALimitAndAWaitRunTwoHostsThenPauseThenTheThird() throws Exception {
        Path p = Projects.capstan(fleet, "groups", "/srv/groups", fleet.hosts, String.join("\n",
                "task('stamp') {",
                "    on(roles('app'), in: 'groups', limit: 2, wait: 1) {",
                "        execute 'mkdir -p /srv/topo && date +%s.%N > /srv/topo/start && sleep 1 && date +%s.%N > /srv/topo/end'",
                "    }",
                "}"));
        succeeded(Projects.capstan(fleet, p, "e2e", "stamp"));
        FleetHost h1 = fleet.hosts.get(0), h2 = fleet.hosts.get(1), h3 = fleet.hosts.get(2);
        System.out.printf("groups: h1 %.2f-%.2f, h2 %.2f-%.2f, h3 %.2f-%.2f%n", 0.0, stamp(h1, "end") - stamp(h1, "start"),
                stamp(h2, "start") - stamp(h1, "start"), stamp(h2, "end") - stamp(h1, "start"),
                stamp(h3, "start") - stamp(h1, "start"), stamp(h3, "end") - stamp(h1, "start"));
        assertThat(Math.abs(stamp(h1, "start") - stamp(h2, "start"))).as("h1 and h2 run together").isLessThan(0.6);
        double firstGroupEnd = Math.max(stamp(h1, "end"), stamp(h2, "end"));
        assertThat(stamp(h3, "start") - firstGroupEnd).as("h3 starts after the first group and the 1 s wait").isBetween(0.9, 3.0);
    }

    @Test
    @Order(2)
    void theRolesFilterNarrowsATaskToHostsWithTheRole() throws Exception {
        Path p = Projects.capstan(fleet, "roles", "/srv/roles", fleet.hosts, String.join("\n",
                "task('mark') {",
                "    on(roles('all')) { execute 'mkdir -p /srv/topo && touch /srv/topo/marked' }",
                "}"));
        topology(p);
        succeeded(Projects.capstan(fleet, p, "e2e", "mark", "--roles", "web"));
        assertThat(fleet.hosts.get(0).srv().resolve("topo/marked")).exists();
        assertThat(fleet.hosts.get(1).srv().resolve("topo/marked")).doesNotExist();
        assertThat(fleet.hosts.get(2).srv().resolve("topo/marked")).doesNotExist();

        succeeded(Projects.capstan(fleet, p, "e2e", "mark", "--roles", "db"));
        assertThat(fleet.hosts.get(1).srv().resolve("topo/marked")).doesNotExist();
        assertThat(fleet.hosts.get(2).srv().resolve("topo/marked")).exists();
    }

    @Test
    @Order(3)
    void aNoReleaseHostGetsNoReleaseButRunsTheTasksOfItsRole() throws Exception {
        Path p = Projects.capstan(fleet, "norel", "/srv/norel", fleet.hosts, String.join("\n",
                "task('db:migrate') {",
                "    on(roles('db')) { execute 'mkdir -p /srv/topo && touch /srv/topo/migrated' }",
                "}",
                "after 'deploy:updated', 'db:migrate'"));
        topology(p);
        succeeded(Projects.capstan(fleet, p, "e2e", "deploy"));
        for (FleetHost h : fleet.hosts.subList(0, 2)) {
            HostState s = HostState.of(h, "/srv/norel");
            assertThat(s.revision()).isEqualTo(fleet.head());
            assertThat(s.locked()).isFalse();
            assertThat(h.srv().resolve("topo/migrated")).doesNotExist();
        }
        FleetHost db = fleet.hosts.get(2);
        assertThat(db.srv().resolve("norel")).as("no deploy directory at all on the no_release host").doesNotExist();
        assertThat(db.srv().resolve("topo/migrated")).as("but its role's task ran there").exists();
    }
}
