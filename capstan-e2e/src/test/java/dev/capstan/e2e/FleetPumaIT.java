package dev.capstan.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real puma in cluster mode (2 workers, behind a unix socket) on 3 real sshd hosts, restarted in groups of 2 by a
 * phased restart (USR1) that counts only when the health check sees the new release: the master stays, every worker
 * is replaced by one running the new release, and the second group's workers are replaced after the first group's.
 */
@Timeout(300)
class FleetPumaIT {
    static final String SOCKET = "web/shared/puma.sock";
    static Fleet fleet;
    static Path project;

    @BeforeAll
    static void start() throws Exception {
        ServiceFleet.assumeCommands("puma curl", "puma", "curl");
        fleet = Fleet.startOrSkip(3);
        project = ServiceFleet.project(fleet, "web",
                "set 'linked_dirs', ['log', 'tmp/pids']",
                "set 'restart_in', 'groups'",
                "set 'restart_limit', 2",
                "service 'web', role: 'app', type: 'puma', phased: true",
                "health 'web', http: 'http://localhost/', socket: '/srv/web/shared/puma.sock', release: true, timeout: 30, interval: 1");
    }

    @AfterAll
    static void stop() {
        ServiceFleet.end(fleet);
    }

    @Test
    void aPhasedRestartReplacesEveryWorkerUnderTheSameMasterGroupByGroup() throws Exception {
        fleet.commit("config/puma.rb", "directory '/srv/web/current'\nworkers 2\nthreads 1, 1\nbind 'unix:///srv/web/shared/puma.sock'\n", "puma");
        fleet.commit("config.ru", ServiceFleet.rackApp(200, "v1"), "v1");
        Projects.succeeded(Projects.capstan(fleet, project, "e2e", "deploy"));
        String first = ServiceProbe.current(fleet.hosts.get(0), "web");
        Map<String, Long> masters = new HashMap<>();
        Map<String, List<Long>> workersBefore = new HashMap<>();
        for (FleetHost h : fleet.hosts) {
            assertThat(ServiceProbe.get(h, SOCKET)).isEqualTo("v1 release=" + first);
            masters.put(h.name, master(h));
            workersBefore.put(h.name, workersIn(h, first));
        }

        fleet.commit("config.ru", ServiceFleet.rackApp(200, "v2"), "v2");
        Shell.Result deploy = Projects.capstan(fleet, project, "e2e", "deploy");
        Projects.succeeded(deploy);
        assertThat(deploy.out()).contains("(group 1 of 2)", "(group 2 of 2)");
        String second = ServiceProbe.current(fleet.hosts.get(0), "web");
        Map<String, Instant> firstNewWorker = new HashMap<>();
        for (FleetHost h : fleet.hosts) {
            assertThat(master(h)).as(h.name + ": a phased restart keeps the master").isEqualTo(masters.get(h.name));
            // verified when a new worker answers; the phase may still be replacing the other one
            List<Long> workers = workersIn(h, second);
            assertThat(workers).as(h.name + "'s workers are all new").doesNotContainAnyElementsOf(workersBefore.get(h.name));
            workersBefore.get(h.name).forEach(w -> assertThat(ProcessHandle.of(w)).as(h.name + "'s old worker " + w + " is gone").isEmpty());
            assertThat(ServiceProbe.get(h, SOCKET)).isEqualTo("v2 release=" + second);
            // puma's own log: one phased restart (USR1), no hot restart (USR2 re-executes under the same pid too)
            String log = Files.readString(h.srv().resolve("web/shared/log/web.log"));
            assertThat(log).containsOnlyOnce("Starting phased worker restart").doesNotContain("* Restarting...");
            firstNewWorker.put(h.name, workers.stream().map(w -> ProcessHandle.of(w).orElseThrow().info().startInstant().orElseThrow())
                    .min(Comparator.naturalOrder()).orElseThrow());
        }
        assertThat(firstNewWorker.get("h3")).as("h3 (group 2) was restarted after group 1 had a new worker serving")
                .isAfter(firstNewWorker.get("h1")).isAfter(firstNewWorker.get("h2"));
    }

    private static long master(FleetHost h) throws Exception {
        return ServiceProbe.pid(h, "web/shared/tmp/pids/web.pid");
    }

    /** The master's 2 workers once both run in {@code release} (waits up to 30 s for a phase in progress). */
    private static List<Long> workersIn(FleetHost h, String release) throws Exception {
        ProcessHandle m = ProcessHandle.of(master(h)).orElseThrow(() -> new AssertionError(h.name + ": puma's master is not running"));
        List<Long> workers = List.of();
        for (int i = 0; i < 300; i++) {
            workers = m.children().map(ProcessHandle::pid).sorted().toList();
            if (workers.size() == 2 && workers.stream().allMatch(w -> ServiceProbe.releaseOf(w).equals(release))) return workers;
            Thread.sleep(100);
        }
        throw new AssertionError(h.name + ": puma's workers " + workers + " do not both run in " + release + " after 30 s");
    }
}
