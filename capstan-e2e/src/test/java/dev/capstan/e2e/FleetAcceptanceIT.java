package dev.capstan.e2e;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static dev.capstan.e2e.Projects.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Capistrano's acceptance features (capistrano-spec §7) not covered elsewhere, on real hosts: deploy:check on a fresh
 * fleet, failure hooks, ROLLBACK_RELEASE, cleanup with thousands of releases, connecting as another user.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetAcceptanceIT {
    @WithFleet(3) static Fleet fleet;

    /** Writes a file as the deploy user would have, under a host's /srv. */
    private static void put(FleetHost h, String srvPath, String content) throws Exception {
        Path p = h.srv().resolve(srvPath);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Shell.ok("chown", "-R", Fleet.USER + ":" + Fleet.USER, h.srv().toString());
    }

    @Test
    @Order(1)
    void deployCheckOnAFreshFleetCreatesTheLayoutAndNamesAMissingLinkedFileAndHost() throws Exception {
        Path p = Projects.capstan(fleet, "check", "/srv/check", fleet.hosts,
                "append 'linked_files', 'config/database.yml'\nappend 'linked_dirs', 'log', 'public/system'");
        Shell.Result r = Projects.capstan(fleet, p, "e2e", "deploy:check");
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("config/database.yml");
        for (FleetHost h : fleet.hosts) {
            assertThat(r.out()).contains(h.hostPort());
            Path d = h.srv().resolve("check");
            for (String dir : List.of("releases", "shared/log", "shared/public/system", "shared/config")) {
                assertThat(d.resolve(dir)).as(dir + " on " + h.name).isDirectory();
            }
            assertThat(HostState.of(h, "/srv/check").current()).isNull();
            assertThat(HostState.of(h, "/srv/check").releases()).isEmpty();
        }

        // present on two hosts: the error names only the third
        put(fleet.hosts.get(0), "check/shared/config/database.yml", "db: one\n");
        put(fleet.hosts.get(1), "check/shared/config/database.yml", "db: two\n");
        r = Projects.capstan(fleet, p, "e2e", "deploy:check");
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("config/database.yml", fleet.hosts.get(2).hostPort())
                .doesNotContain(fleet.hosts.get(0).hostPort() + ": ");

        put(fleet.hosts.get(2), "check/shared/config/database.yml", "db: three\n");
        succeeded(Projects.capstan(fleet, p, "e2e", "deploy:check"));
        succeeded(Projects.capstan(fleet, p, "e2e", "deploy"));
        for (FleetHost h : fleet.hosts) {
            HostState s = HostState.of(h, "/srv/check");
            Path link = h.srv().resolve("check/releases/" + s.current() + "/config/database.yml");
            assertThat(Files.isSymbolicLink(link)).isTrue();
            assertThat(Files.readSymbolicLink(link).toString()).isEqualTo("/srv/check/shared/config/database.yml");
            assertThat(s.revision()).isEqualTo(fleet.head());
        }
    }

    @Test
    @Order(2)
    void deployFailedHooksRunWhenTheDeployFailsButNotForAStageInvokedAlone() throws Exception {
        Path p = Projects.capstan(fleet, "failhook", "/srv/failhook", fleet.hosts, String.join("\n",
                "task('fail') {",
                "    on(roles('app')) { execute 'mkdir', '-p', '/srv/failhook/shared'; execute 'touch', '/srv/failhook/shared/fail' }",
                "    on(roles('app')) { execute 'false' }",
                "}",
                "before 'deploy:starting', 'fail'",
                "after 'deploy:failed', 'custom_failed', { on(roles('app')) { execute 'touch', '/srv/failhook/shared/failed' } }"));
        Shell.Result alone = Projects.capstan(fleet, p, "e2e", "deploy:starting");
        assertThat(alone.status()).as(alone.out()).isEqualTo(1);
        for (FleetHost h : fleet.hosts) {
            assertThat(h.srv().resolve("failhook/shared/fail")).exists();
            assertThat(h.srv().resolve("failhook/shared/failed")).as("deploy:failed is not run for a stage alone").doesNotExist();
        }
        for (FleetHost h : fleet.hosts) assertThat(HostState.of(h, "/srv/failhook").locked()).as("no lock left by deploy:starting").isFalse();
        Shell.Result deploy = Projects.capstan(fleet, p, "e2e", "deploy");
        assertThat(deploy.status()).as(deploy.out()).isEqualTo(1);
        assertThat(deploy.out()).contains("false exit status: 1").doesNotContain("deploy is locked");
        for (FleetHost h : fleet.hosts) {
            assertThat(h.srv().resolve("failhook/shared/failed")).as("deploy:failed hook ran on " + h.name).exists();
            HostState s = HostState.of(h, "/srv/failhook");
            assertThat(s.current()).isNull();
            assertThat(s.locked()).isFalse();
        }
    }

    @Test
    @Order(3)
    void rollbackToANamedRelease() throws Exception {
        Path p = Projects.capstan(fleet, "named", "/srv/named", fleet.hosts, "");
        List<String> names = new ArrayList<>();
        List<String> revisions = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            if (i > 1) {
                Thread.sleep(1100);
                fleet.commit("index.html", "named " + i + "\n", "named " + i);
            }
            succeeded(Projects.capstan(fleet, p, "e2e", "deploy"));
            names.add(HostState.of(fleet.hosts.get(0), "/srv/named").current());
            revisions.add(fleet.head());
        }
        succeeded(Projects.capstan(fleet, p, "e2e", "deploy:rollback", "ROLLBACK_RELEASE=" + names.get(0)));
        for (FleetHost h : fleet.hosts) {
            HostState s = HostState.of(h, "/srv/named");
            // like Capistrano, the release rolled back from is archived and removed
            assertThat(s.releases()).containsExactly(names.get(0), names.get(1));
            assertThat(h.srv().resolve("named/rolled-back-release-" + names.get(2) + ".tar.gz")).exists();
            assertThat(s.current()).isEqualTo(names.get(0));
            assertThat(s.revision()).isEqualTo(revisions.get(0));
            assertThat(s.revisionLog()).last().isEqualTo("e2e rolled back to release " + names.get(0));
            assertThat(s.locked()).isFalse();
        }
    }

    @Test
    @Order(4)
    void cleanupWithThousandsOfReleasesKeepsKeepReleasesAndCurrent() throws Exception {
        Path p = Projects.capstan(fleet, "many", "/srv/many", fleet.hosts, "set 'keep_releases', 3");
        FleetHost crowded = fleet.hosts.get(0);
        Path releases = crowded.srv().resolve("many/releases");
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
        LocalDateTime t = LocalDateTime.of(2001, 1, 1, 0, 0);
        for (int i = 0; i < 2000; i++) Files.createDirectories(releases.resolve(f.format(t.plusMinutes(i))));
        Files.createDirectories(releases.resolve("new"));
        Shell.ok("chown", "-R", Fleet.USER + ":" + Fleet.USER, crowded.srv().resolve("many").toString());

        Shell.Result r = Projects.capstan(fleet, p, "e2e", "deploy");
        succeeded(r);
        HostState s = HostState.of(crowded, "/srv/many");
        assertThat(s.releases()).as("3 release names kept, 'new' is not a release").hasSize(4).contains("new", s.current());
        assertThat(s.releases()).contains(f.format(t.plusMinutes(1999)), f.format(t.plusMinutes(1998)));
        assertThat(s.revision()).isEqualTo(fleet.head());
        for (FleetHost h : fleet.hosts.subList(1, fleet.hosts.size())) {
            assertThat(HostState.of(h, "/srv/many").releases()).containsExactly(s.current());
        }
    }

    @Test
    @Order(5)
    void connectsAsAnotherUserWhereAServerSaysSo() throws Exception {
        Fleet.ensureUser("other");
        // one server per host name (Capistrano's rule), so the other user logs in to another host
        FleetHost h = fleet.hosts.get(2);
        Path drop = h.srv().resolve("drop");
        Files.createDirectories(drop);
        Shell.ok("chmod", "1777", drop.toString());
        Path p = Projects.capstan(fleet, "other", "/srv/other", fleet.hosts, String.join("\n",
                "task('whoami') {",
                "    on(roles('tools')) { host -> info \"I am ${capture('id', '-un')} (${host.user})\"; execute 'touch', '/srv/drop/by-other' }",
                "    on(roles('app')) { info \"I am ${capture('id', '-un')}\" }",
                "}"));
        Projects.stage(p, "server '" + fleet.hosts.get(1).spec(Fleet.USER) + "', roles: ['app']",
                "server '" + h.hostPort() + "', user: 'other', roles: ['tools']");
        Shell.Result r = Projects.capstan(fleet, p, "e2e", "whoami");
        succeeded(r);
        assertThat(r.out()).containsPattern("(?s)I am other \\(other\\).*I am deploy");
        assertThat(Shell.ok("stat", "-c", "%U", drop.resolve("by-other").toString()).trim()).isEqualTo("other");
    }
}
