package dev.capstan.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rolling restarts of a real unicorn master on 6 real sshd hosts, in groups of 2 with an HTTP health check that must
 * see the new release. A broken release (its app raises at boot) fails the first group: the rollout stops there,
 * those 2 hosts go back to the previous release and serve it again, and the other 4 never switched nor restarted.
 */
@Timeout(600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetServicesIT {
    static Fleet fleet;
    static Path project;

    @BeforeAll
    static void start() throws Exception {
        fleet = Fleet.startOrSkip(6);
        project = Projects.capstan(fleet, "svc", "/srv/svc", fleet.hosts, String.join("\n",
                "set 'linked_dirs', ['log', 'tmp/pids']",
                "set 'restart_in', 'groups'",
                "set 'restart_limit', 2",
                "set 'rollback_on_failure', true",
                "service 'web', role: 'app', type: 'unicorn', timeout: 20",
                "health 'web', http: 'http://localhost/', socket: '/srv/svc/shared/unicorn.sock', body: 'release=\\\\d{14}', release: true, timeout: 8, interval: 1",
                // where a load balancer would take the group back in
                "task('lb:undrain') { info \"undrain ${fetch('restart_hosts').join(',')}\" }",
                "after 'service:after_restart', 'lb:undrain'"));
        Files.writeString(project.resolve("Capfile"), "use 'deploy'\nuse 'scm/git'\nuse 'services'\n");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fleet == null) return;
        for (FleetHost h : fleet.hosts) {
            for (String f : List.of("unicorn.pid", "unicorn.pid.oldbin")) {
                Path p = h.srv().resolve("svc/shared/tmp/pids/" + f);
                if (!Files.exists(p)) continue;
                ProcessHandle.of(Long.parseLong(Files.readString(p).strip())).ifPresent(m -> {
                    m.descendants().forEach(ProcessHandle::destroyForcibly);
                    m.destroyForcibly();
                });
            }
        }
        fleet.close();
    }

    static String app(String version) {
        return "run lambda { |env| [200, {'content-type' => 'text/plain'}, [\"" + version + " release=#{File.basename(Dir.pwd)}\\n\"]] }\n";
    }

    @Test
    @Order(1)
    void aBrokenReleaseStopsAfterTheFirstGroupAndItsHostsGoBack() throws Exception {
        fleet.commit("config/unicorn.rb", "listen '/srv/svc/shared/unicorn.sock'\nworker_processes 1\npid 'tmp/pids/unicorn.pid'\nstderr_path 'log/unicorn.log'\n", "unicorn");
        fleet.commit("config.ru", app("v1"), "v1");
        Shell.Result first = Projects.capstan(fleet, project, "e2e", "deploy");
        Projects.succeeded(first);
        String v1 = current(fleet.hosts.get(0));
        Map<String, Long> masters = new HashMap<>();
        for (FleetHost h : fleet.hosts) {
            assertThat(current(h)).isEqualTo(v1);
            assertThat(get(h)).isEqualTo("v1 release=" + v1);
            masters.put(h.name, master(h));
        }
        assertThat(first.out()).contains("(group 1 of 3)", "(group 3 of 3)", "undrain deploy@" + fleet.hosts.get(0).hostPort(), "undrain deploy@" + fleet.hosts.get(4).hostPort());

        Map<String, Object> links = links();
        fleet.commit("config.ru", "raise 'broken at boot'\n", "broken");
        Shell.Result broken = Projects.capstan(fleet, project, "e2e", "deploy");
        assertThat(broken.status()).as(broken.out()).isNotZero();
        List<String> firstGroup = List.of(fleet.hosts.get(0).name, fleet.hosts.get(1).name);
        assertThat(broken.out()).contains("the rollout stopped: 2 group(s) not restarted",
                "every host is back on the previous release", "HOST", "RELEASE", "WEB");
        for (FleetHost h : fleet.hosts) {
            assertThat(current(h)).as(h.name + " is back on the previous release").isEqualTo(v1);
            assertThat(get(h)).as(h.name + " serves the previous release again").isEqualTo("v1 release=" + v1);
            if (firstGroup.contains(h.name)) {
                assertThat(master(h)).as(h.name + " was restarted (twice: the broken release, then back)").isNotEqualTo(masters.get(h.name));
            } else {
                assertThat(master(h)).as(h.name + " was never restarted").isEqualTo(masters.get(h.name));
                assertThat(link(h)).as(h.name + " never switched: its current is the same link").isEqualTo(links.get(h.name));
            }
            assertThat(h.srv().resolve("svc/shared/tmp/pids/unicorn.pid.oldbin")).doesNotExist();
        }
        List<String> unreached = new ArrayList<>();
        for (FleetHost h : fleet.hosts.subList(2, 6)) unreached.add("deploy@" + h.hostPort());
        assertThat(broken.out()).doesNotContain("restarting services on " + String.join(", ", unreached.subList(0, 2)))
                .contains("not reached, never switched: " + String.join(", ", unreached));
    }

    /**
     * SIGTERM once the first group is verified, during the wait before the second: the rollout stops there, the first
     * group goes back (rollback_on_failure) and serves the previous release again, the others never switched.
     */
    @Test
    @Order(2)
    void anInterruptBetweenGroupsStopsTheRolloutAndTheFirstGroupGoesBack() throws Exception {
        String before = current(fleet.hosts.get(0));
        Map<String, Object> links = links();
        fleet.commit("config.ru", app("v3"), "v3");
        Path stderr = Files.createTempFile(fleet.root, "services-", ".err");
        WatchedRun run = WatchedRun.start(fleet, project, stderr, new WatchedRun.Trigger("lb:undrain", 1, p -> p.toHandle().destroy()),
                "e2e", "deploy", "restart_wait=3");
        int exit = run.await(120);
        String out = String.join("\n", run.lines()) + Files.readString(stderr);
        assertThat(exit).as(out).isEqualTo(143);
        assertThat(out).contains("the rollout stopped before wave 2 of 3", "every host is back on the previous release");
        for (FleetHost h : fleet.hosts) {
            assertThat(current(h)).as(h.name + " is on the release it had").isEqualTo(before);
            assertThat(get(h)).as(h.name + " serves it").isEqualTo("v1 release=" + before);
            if (fleet.hosts.indexOf(h) >= 2) assertThat(link(h)).as(h.name + " never switched").isEqualTo(links.get(h.name));
        }
    }

    /** Without rollback_on_failure the failing group stays on the new release, logged there; the others never switch. */
    @Test
    @Order(3)
    void withoutRollbackTheFailingGroupStaysAndTheOthersNeverSwitch() throws Exception {
        String before = current(fleet.hosts.get(0));
        Map<String, Object> links = links();
        fleet.commit("config.ru", "raise 'broken at boot'\n", "broken again");
        Shell.Result broken = Projects.capstan(fleet, project, "e2e", "deploy", "rollback_on_failure=false");
        assertThat(broken.status()).as(broken.out()).isNotZero();
        assertThat(broken.out()).contains("the new release stays live on deploy@" + fleet.hosts.get(0).hostPort());
        for (FleetHost h : fleet.hosts) {
            if (fleet.hosts.indexOf(h) < 2) {
                assertThat(current(h)).as(h.name + " stays on the new release").isNotEqualTo(before);
                assertThat(Files.readString(h.srv().resolve("svc/revisions.log"))).contains("deployed as release " + current(h));
            } else {
                assertThat(current(h)).isEqualTo(before);
                assertThat(link(h)).as(h.name + " never switched").isEqualTo(links.get(h.name));
            }
            // unicorn kept the old master (HUP) when the new one failed: every host still answers with the release it had
            assertThat(get(h)).isEqualTo("v1 release=" + before);
        }
    }

    private static String current(FleetHost h) throws Exception {
        return Files.readSymbolicLink(h.srv().resolve("svc/current")).getFileName().toString();
    }

    /** The current symlink's inode and ctime: switching renames a new link over it (an inode number may be reused; the ctime is new). */
    private static Object link(FleetHost h) throws Exception {
        return ServiceProbe.link(h, "svc");
    }

    /** Every host's current link, by host name. */
    private static Map<String, Object> links() throws Exception {
        Map<String, Object> links = new HashMap<>();
        for (FleetHost h : fleet.hosts) links.put(h.name, link(h));
        return links;
    }

    private static long master(FleetHost h) throws Exception {
        return Long.parseLong(Files.readString(h.srv().resolve("svc/shared/tmp/pids/unicorn.pid")).strip());
    }

    /** GET / over the host's unicorn socket (each host has its own /srv). */
    private static String get(FleetHost h) {
        Shell.Result r = Shell.run(null, Map.of(), 20, List.of("curl", "-s", "-m", "10", "--unix-socket",
                h.srv().resolve("svc/shared/unicorn.sock").toString(), "http://localhost/"));
        return r.out().strip();
    }
}
