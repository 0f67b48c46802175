package dev.capstan.e2e;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet that must end on one release: a host lost during publishing (the others are switched back, a hosts ×
 * release table says where each is), a fleet left mixed (status says so, one rollback target for every host),
 * and a hook that fails after publishing (the error says the release is live, revisions.log has it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetPublishingIT {
    @WithFleet(3) static Fleet fleet;

    private static List<String> currents(String deployTo) throws Exception {
        List<String> out = new ArrayList<>();
        for (FleetHost h : fleet.hosts) out.add(HostState.of(h, deployTo).current());
        return out;
    }

    /** {@code bin/capstan e2e deploy} in the background, once it has reached the pause that creates {@code marker}. */
    private static Process deployUntil(Path project, Path marker, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Projects.REPO_ROOT.resolve("bin/capstan").toString(), "e2e", "deploy")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(Projects.env(fleet));
        Process capstan = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(marker)) {
            if (!capstan.isAlive() || System.nanoTime() > deadline) capstan.destroyForcibly();
            assertThat(capstan.isAlive()).as("reached the pause before publishing: " + Files.readString(log)).isTrue();
            Thread.sleep(50);
        }
        return capstan;
    }

    @Test
    @Order(1)
    void aHostLostDuringPublishingSwitchesTheOthersBackAndEndsWithATable() throws Exception {
        Path inside = fleet.root.resolve("publishing-inside");
        Path p = Projects.capstan(fleet, "lost", "/srv/lost", fleet.hosts, String.join("\n",
                "task('pause') { run_locally { execute \"if [ -e " + fleet.root.resolve("pause-on") + " ]; then touch " + inside + "; sleep 3; fi\" } }",
                "before 'deploy:publishing', 'pause'"));
        Projects.succeeded(Projects.capstan(fleet, p, "e2e", "deploy"));
        List<String> before = currents("/srv/lost");
        Thread.sleep(1100);
        fleet.commit("index.html", "lost\n", "lost host");
        Files.writeString(fleet.root.resolve("pause-on"), "");
        FleetHost victim = fleet.hosts.get(2);
        Path log = fleet.root.resolve("lost.out");
        Process capstan = deployUntil(p, inside, log);
        try {
            fleet.crash(victim);
            assertThat(capstan.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(log);
            assertThat(capstan.exitValue()).as(out).isEqualTo(1);
            assertThat(out).contains("could not publish on ", victim.address, "so every host was switched back to the release it had",
                    "HOST", "CURRENT", "STATE", "switched back", "not switched");
            for (int i = 0; i < 2; i++) {
                HostState s = HostState.of(fleet.hosts.get(i), "/srv/lost");
                assertThat(s.current()).as("switched back: " + fleet.hosts.get(i).name).isEqualTo(before.get(i));
                assertThat(s.locked()).isFalse();
            }
        } finally {
            capstan.destroyForcibly();
            Files.deleteIfExists(fleet.root.resolve("pause-on"));
            fleet.restart(victim);
        }
        assertThat(HostState.of(victim, "/srv/lost").current()).isEqualTo(before.get(2));
        // the host is back: a plain deploy brings every host to one new release
        Shell.Result rerun = Projects.capstan(fleet, p, "e2e", "deploy");
        Projects.succeeded(rerun);
        List<String> after = currents("/srv/lost");
        assertThat(after).doesNotContainNull().containsOnly(after.get(0));
        for (FleetHost h : fleet.hosts) assertThat(HostState.of(h, "/srv/lost").revision()).isEqualTo(fleet.head());
    }

    @Test
    @Order(2)
    void aMixedFleetIsReportedAndOneRollbackBringsEveryHostToTheSameRelease() throws Exception {
        Path p = Projects.capstan(fleet, "mixed", "/srv/mixed", fleet.hosts, "");
        for (int i = 0; i < 3; i++) {
            if (i > 0) Thread.sleep(1100);
            fleet.commit("index.html", "mixed " + i + "\n", "mixed " + i);
            Projects.succeeded(Projects.capstan(fleet, p, "e2e", "deploy"));
        }
        List<String> releases = HostState.of(fleet.hosts.get(0), "/srv/mixed").releases();
        String v1 = releases.get(1);
        String v2 = releases.get(2);
        // what a run killed in the first milliseconds of publishing leaves: one host never switched to v2
        FleetHost behind = fleet.hosts.get(2);
        Path d = behind.srv().resolve("mixed");
        Files.writeString(d.resolve("releases/" + v2 + "/.capstan-unfinished"), "killed\n");
        Files.delete(d.resolve("current"));
        Files.createSymbolicLink(d.resolve("current"), Path.of("/srv/mixed/releases/" + v1));

        Shell.Result status = Projects.capstan(fleet, p, "e2e", "deploy:status");
        Projects.succeeded(status);
        assertThat(status.out()).contains("mixed fleet: 1 on " + v1 + " (", behind.address, "); 2 on " + v2);

        Shell.Result rollback = Projects.capstan(fleet, p, "e2e", "deploy:rollback");
        Projects.succeeded(rollback);
        assertThat(currents("/srv/mixed")).containsOnly(v1);
        for (FleetHost h : fleet.hosts) {
            HostState s = HostState.of(h, "/srv/mixed");
            assertThat(s.releases()).as(h.name + ": its live release was not rolled back too").contains(v1).doesNotContain(v2);
            assertThat(s.revisionLog()).last().asString().endsWith("rolled back to release " + v1);
            assertThat(s.locked()).isFalse();
        }
    }

    @Test
    @Order(3)
    void aHookThatFailsAfterPublishingSaysTheReleaseIsLiveAndLogsItEverywhere() throws Exception {
        FleetHost failing = fleet.hosts.get(1);
        Path p = Projects.capstan(fleet, "hook", "/srv/hook", fleet.hosts, String.join("\n",
                "task('app:restart') { on(roles('app')) { execute 'test ! -e /srv/no-restart' } }",
                "after 'deploy:published', 'app:restart'"));
        Files.writeString(failing.srv().resolve("no-restart"), "");
        try {
            Shell.Result r = Projects.capstan(fleet, p, "e2e", "deploy");
            assertThat(r.status()).as(r.out()).isEqualTo(1);
            String release = HostState.of(fleet.hosts.get(0), "/srv/hook").current();
            assertThat(r.out()).contains("release " + release + " is live on all 3 host(s) (logged in revisions.log); then app:restart",
                    failing.address);
            for (FleetHost h : fleet.hosts) {
                HostState s = HostState.of(h, "/srv/hook");
                assertThat(s.current()).isEqualTo(release);
                assertThat(s.revisionLog()).singleElement().asString().contains("deployed as release " + release);
                assertThat(s.locked()).isFalse();
            }
        } finally {
            Files.deleteIfExists(failing.srv().resolve("no-restart"));
        }
    }

    @Test
    @Order(4)
    void whileADeployHoldsTheLockCleanupAndADeployFromAnotherPidNamespaceAreRefused() throws Exception {
        Path inside = fleet.root.resolve("held-inside");
        Path hold = fleet.root.resolve("hold");
        Path p = Projects.capstan(fleet, "held", "/srv/held", fleet.hosts, String.join("\n",
                "set 'keep_releases', 1",
                "task('pause') { run_locally { execute 'if [ -e " + hold + " ]; then touch " + inside
                        + "; i=0; while [ -e " + hold + " ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; fi' } }",
                "before 'deploy:publishing', 'pause'"));
        Projects.succeeded(Projects.capstan(fleet, p, "e2e", "deploy"));
        Thread.sleep(1100);
        fleet.commit("index.html", "held\n", "held");
        Files.writeString(hold, "");
        Path log = fleet.root.resolve("held.out");
        Process first = deployUntil(p, inside, log);
        try {
            // the same machine and host name, but another pid namespace: the first run's pid means nothing there
            Shell.Result container = Shell.run(p, Projects.env(fleet), 120, List.of("unshare", "--pid", "--fork", "--kill-child", "--mount-proc",
                    Projects.REPO_ROOT.resolve("bin/capstan").toString(), "e2e", "deploy"));
            assertThat(container.status()).as(container.out()).isNotZero();
            assertThat(container.out()).contains("deploy is locked on 3 host(s)", "`capstan e2e deploy:unlock`")
                    .doesNotContain("taking over the deploy lock");
            Shell.Result cleanup = Projects.capstan(fleet, p, "e2e", "deploy:cleanup");
            assertThat(cleanup.status()).as(cleanup.out()).isNotZero();
            assertThat(cleanup.out()).contains("deploy is locked on 3 host(s)");
            Files.delete(hold);
            assertThat(first.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as(Files.readString(log)).isZero();
        } finally {
            first.destroyForcibly();
            Files.deleteIfExists(hold);
        }
        for (FleetHost h : fleet.hosts) {
            HostState s = HostState.of(h, "/srv/held");
            assertThat(s.revision()).as(h.name + ": current is the complete new release").isEqualTo(fleet.head());
            assertThat(s.locked()).isFalse();
        }
    }
}
