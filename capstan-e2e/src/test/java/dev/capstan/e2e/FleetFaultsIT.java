package dev.capstan.e2e;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet itself (OpenSSH's own client sees a separate /srv per host, agent forwarding reaches the git host,
 * no process outlives the fleet) and faults on a host: permission denied on deploy_to, a path with a space, a full
 * disk during the code update, a command that hangs past command_timeout, SIGTERM and Ctrl-C (SIGINT) to Capstan mid-deploy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetFaultsIT {
    @WithFleet(2) static Fleet fleet;

    /** {@code bin/capstan e2e deploy} in {@code project}, running on while the test acts on the fleet. */
    private static Process deployInBackground(Path project, Path log) throws java.io.IOException {
        ProcessBuilder pb = new ProcessBuilder(Projects.REPO_ROOT.resolve("bin/capstan").toString(), "e2e", "deploy")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SSH_AUTH_SOCK", fleet.agentSocket.toString());
        pb.environment().put("XDG_CACHE_HOME", fleet.root.resolve("cache").toString());
        return pb.start();
    }

    /** Waits until the deploy has created {@code /srv/MARKER} on every host (it is then inside a hooked pause). */
    private static void awaitOnEveryHost(String marker, Process capstan, Path log) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!fleet.hosts.stream().allMatch(h -> Files.exists(h.srv().resolve(marker)))) {
            assertThat(capstan.isAlive()).as("capstan is still deploying: " + Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("reached the pause").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /**
     * The pids of processes still running {@code command} (the hosts share this machine's process table: their sshd runs
     * in a mount namespace of its own only), after waiting up to 10 s for them to go.
     */
    private static List<Long> sleepsLeftAfterWaiting(String command) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<Long> left;
        do {
            left = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(command))
                    .map(ProcessHandle::pid).toList();
            if (left.isEmpty()) return left;
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return left;
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

    /**
     * A project under /srv/NAME whose task {@code task} runs {@code body} on every host at {@code hook} (e.g.
     * {@code before 'deploy:updated'}), deployed once successfully.
     */
    private static Path deployedWithHook(String name, String task, String body, String hook) throws Exception {
        Path p = Projects.capstan(fleet, name, "/srv/" + name, fleet.hosts, String.join("\n",
                "task('" + task + "') {", "    on(roles('app')) { " + body + " }", "}", hook + ", '" + task + "'"));
        Shell.Result first = Projects.capstan(fleet, p, "e2e", "deploy");
        assertThat(first.status()).as(first.out()).isZero();
        return p;
    }

    /** Runs a command in the mount namespace of the host's sshd, i.e. on that "machine". */
    private static String onHost(FleetHost h, String script) {
        return Shell.ok("nsenter", "-t", String.valueOf(h.sshd.pid()), "-m", "sh", "-c", script);
    }

    /** What the host itself sees at {@code /srv/...} (through its own mount namespace, so a tmpfs mounted there shows). */
    private static Path seen(FleetHost h, String srvPath) {
        return Path.of("/proc/" + h.sshd.pid() + "/root" + srvPath);
    }

    @Test
    @Order(4)
    void aFullDiskDuringTheCodeUpdateFailsNamingTheHostAndNothingSwitches() throws Exception {
        FleetHost full = fleet.hosts.get(0);
        Path p = Projects.capstan(fleet, "full", "/srv/full", fleet.hosts, "append 'linked_dirs', 'log'");
        Files.createDirectories(full.srv().resolve("full"));
        onHost(full, "mount -t tmpfs -o size=3m,mode=0755 tmpfs /srv/full && chown " + Fleet.USER + ": /srv/full");
        try {
            assertThat(onHost(full, "df -k /srv/full")).contains("tmpfs");
            assertThat(Projects.capstan(fleet, p, "e2e", "deploy").status()).isZero();
            List<String> before = new java.util.ArrayList<>();
            for (FleetHost h : fleet.hosts) before.add(HostState.of(h, "/srv/full").current());
            assertThat(Files.exists(full.srv().resolve("full/current"))).as("the first release went to the tmpfs").isFalse();
            assertThat(Files.isSymbolicLink(seen(full, "/srv/full/current"))).isTrue();
            String previous = Files.readSymbolicLink(seen(full, "/srv/full/current")).getFileName().toString();
            String previousRevision = Files.readString(seen(full, "/srv/full/releases/" + previous + "/REVISION")).trim();

            // 5 MiB that does not compress: more than the 3 MiB the host has
            byte[] big = new byte[5 << 20];
            new java.util.Random(1).nextBytes(big);
            Files.createDirectories(fleet.work().resolve("assets"));
            Files.write(fleet.work().resolve("assets/big.bin"), big);
            Thread.sleep(1100);
            fleet.commit("index.html", "big\n", "a big asset");
            Shell.Result r = Projects.capstan(fleet, p, "e2e", "deploy");
            assertThat(r.status()).as(r.out()).isEqualTo(1);
            assertThat(r.out()).contains(full.address + ":" + full.port, "No space left on device");
            HostState other = HostState.of(fleet.hosts.get(1), "/srv/full");
            assertThat(other.current()).as("the other host did not switch").isEqualTo(before.get(1));
            assertThat(other.locked()).isFalse();
            assertThat(Files.readSymbolicLink(seen(full, "/srv/full/current")).getFileName().toString()).isEqualTo(previous);
            assertThat(Files.exists(seen(full, "/srv/full/.capstan-lock"))).as("lock released on the full host").isFalse();
            assertThat(Files.readString(seen(full, "/srv/full/releases/" + previous + "/REVISION")).trim())
                    .as("the previous release is intact").isEqualTo(previousRevision);
            assertThat(Files.readString(seen(full, "/srv/full/releases/" + previous + "/index.html"))).isNotEqualTo("big\n");
        } finally {
            onHost(full, "umount /srv/full");
            Files.delete(fleet.work().resolve("assets/big.bin"));
            fleet.commit("index.html", "small again\n", "drop the big asset");
        }
    }

    @Test
    @Order(5)
    void aCommandThatHangsIsStoppedByCommandTimeoutAndNothingSwitches() throws Exception {
        FleetHost stuck = fleet.hosts.get(1);
        String hang = "sleep " + (7000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(2000)); // only this test's
        Path p = Projects.capstan(fleet, "hang", "/srv/hang", fleet.hosts, String.join("\n",
                "set 'command_timeout', 4",
                "task('hang') {",
                "    on(roles('app')) {",
                // only the host holding /srv/hang-here hangs; it leaves its PID so the test can end the sleep
                "        execute 'if [ -f /srv/hang-here ]; then echo $$ > /srv/hang.pid; exec " + hang + "; fi'",
                "    }",
                "}",
                "before 'deploy:publishing', 'hang'"));
        Files.writeString(stuck.srv().resolve("hang-here"), "");
        try {
            long t0 = System.nanoTime();
            Shell.Result r = Projects.capstan(fleet, p, "e2e", "deploy");
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(r.status()).as(r.out()).isEqualTo(1);
            assertThat(r.out()).contains("timed out after 4.0 s on " + stuck.spec(Fleet.USER));
            assertThat(seconds).as("failed soon after the timeout").isLessThan(30);
            assertThat(sleepsLeftAfterWaiting(hang)).as("the timed-out command was ended on the host").isEmpty();
            for (FleetHost h : fleet.hosts) {
                HostState s = HostState.of(h, "/srv/hang");
                assertThat(s.current()).as("no host switched: " + h.name).isNull();
                assertThat(s.locked()).as("lock released on " + h.name).isFalse();
                assertThat(s.releases()).as("the release was prepared on " + h.name).hasSize(1);
            }
        } finally {
            Files.delete(stuck.srv().resolve("hang-here"));
            Path pid = stuck.srv().resolve("hang.pid");
            if (Files.exists(pid)) Shell.run(null, Map.of(), 10, List.of("kill", Files.readString(pid).trim()));
        }
    }

    @Test
    @Order(6)
    void sigtermOrCtrlCWhileUpdatingLeavesEveryCurrentAsItWasAndReleasesTheLock() throws Exception {
        Path p = deployedWithHook("signal", "pause",
                "execute 'touch /srv/signal-inside'; execute 'sleep 2'; execute 'touch /srv/signal-after'",
                "before 'deploy:updated'");
        for (String signal : List.of("TERM", "INT")) {
            for (FleetHost h : fleet.hosts) {
                Files.deleteIfExists(h.srv().resolve("signal-inside"));
                Files.deleteIfExists(h.srv().resolve("signal-after"));
            }
            List<String> before = new java.util.ArrayList<>();
            for (FleetHost h : fleet.hosts) before.add(HostState.of(h, "/srv/signal").current());
            Thread.sleep(1100);
            Path log = fleet.root.resolve("signal-" + signal + ".out");
            Process capstan = deployInBackground(p, log);
            awaitOnEveryHost("signal-inside", capstan, log);
            Shell.ok("kill", "-" + signal, String.valueOf(capstan.pid())); // bin/capstan execs the JVM: this is it
            assertThat(capstan.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)).as("capstan ends after SIG" + signal).isTrue();
            String out = Files.readString(log);
            assertThat(capstan.exitValue()).as(out).isNotZero();
            assertThat(out).contains("capstan: interrupted", "capstan was interrupted", "capstan: this run's deploy lock was released");
            for (int i = 0; i < fleet.hosts.size(); i++) {
                FleetHost h = fleet.hosts.get(i);
                HostState s = HostState.of(h, "/srv/signal");
                assertThat(s.current()).as("SIG" + signal + ": current as it was on " + h.name).isEqualTo(before.get(i));
                assertThat(s.locked()).as("SIG" + signal + ": lock released on " + h.name).isFalse();
                assertThat(h.srv().resolve("signal-after")).as("the command after the pause never started").doesNotExist();
                String interrupted = s.releases().get(s.releases().size() - 1);
                assertThat(h.srv().resolve("signal/releases/" + interrupted + "/.capstan-unfinished"))
                        .as("the interrupted release is marked unfinished").exists();
            }
        }
    }

    @Test
    @Order(8)
    void sigtermDuringAHungHookBeforePublishingEndsItOnEveryHostAndNothingSwitches() throws Exception {
        int seconds = 7000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(2000);
        Path p = deployedWithHook("hung", "hung",
                "execute 'if [ -f /srv/hung-now ]; then touch /srv/hung-inside; sleep " + seconds + " & sleep " + (seconds + 1)
                        + "; touch /srv/hung-after; fi'",
                "before 'deploy:publishing'");
        for (FleetHost h : fleet.hosts) Files.writeString(h.srv().resolve("hung-now"), "");
        List<String> before = new java.util.ArrayList<>();
        for (FleetHost h : fleet.hosts) before.add(HostState.of(h, "/srv/hung").current());
        Path log = fleet.root.resolve("hung.out");
        Process capstan = deployInBackground(p, log);
        try {
            awaitOnEveryHost("hung-inside", capstan, log);
            Shell.ok("kill", "-TERM", String.valueOf(capstan.pid()));
            assertThat(capstan.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)).as("capstan stopped, not waiting out the hook").isTrue();
            String out = Files.readString(log);
            assertThat(capstan.exitValue()).as(out).isEqualTo(143);
            assertThat(out).contains("capstan: interrupted (SIGTERM)", "was ended on the host (capstan was interrupted (SIGTERM))",
                    "capstan: this run's deploy lock was released");
            assertThat(sleepsLeftAfterWaiting("sleep " + seconds)).as("no sleep left on any host").isEmpty();
            for (int i = 0; i < fleet.hosts.size(); i++) {
                FleetHost h = fleet.hosts.get(i);
                HostState s = HostState.of(h, "/srv/hung");
                assertThat(s.current()).as("no host switched: " + h.name).isEqualTo(before.get(i));
                assertThat(s.locked()).as("lock released on " + h.name).isFalse();
                assertThat(h.srv().resolve("hung-after")).as("the rest of the hook never ran on " + h.name).doesNotExist();
            }
        } finally {
            capstan.destroyForcibly();
            for (FleetHost h : fleet.hosts) Files.deleteIfExists(h.srv().resolve("hung-now"));
            for (long pid : sleepsLeftAfterWaiting("sleep " + seconds)) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    @Order(8)
    void ctrlCDuringPublishingLetsTheSwitchCompleteOnEveryHostThenStops() throws Exception {
        Path p = deployedWithHook("publishing", "slow_switch",
                "execute 'if [ -f /srv/publishing-slow ]; then touch /srv/publishing-inside; sleep 3; fi'",
                "after 'deploy:symlink:release'");
        List<String> before = new java.util.ArrayList<>();
        for (FleetHost h : fleet.hosts) {
            before.add(HostState.of(h, "/srv/publishing").current());
            Files.writeString(h.srv().resolve("publishing-slow"), "");
        }
        Thread.sleep(1100); // a new release name
        Path log = fleet.root.resolve("publishing.out");
        Process capstan = deployInBackground(p, log);
        try {
            awaitOnEveryHost("publishing-inside", capstan, log);
            Shell.ok("kill", "-INT", String.valueOf(capstan.pid()));
            assertThat(capstan.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(log);
            assertThat(capstan.exitValue()).as(out).isEqualTo(130);
            assertThat(out).contains("publishing completes on every host first",
                    "stopped after deploy:publishing completed: capstan was interrupted (SIGINT)", "capstan: this run's deploy lock was released");
            String release = null;
            for (int i = 0; i < fleet.hosts.size(); i++) {
                HostState s = HostState.of(fleet.hosts.get(i), "/srv/publishing");
                assertThat(s.current()).as("switched on " + fleet.hosts.get(i).name).isNotEqualTo(before.get(i));
                if (release == null) release = s.current();
                assertThat(s.current()).as("one release on every host").isEqualTo(release);
                assertThat(s.locked()).as("lock released on " + fleet.hosts.get(i).name).isFalse();
            }
        } finally {
            capstan.destroyForcibly();
            for (FleetHost h : fleet.hosts) Files.deleteIfExists(h.srv().resolve("publishing-slow"));
        }
    }

    @Test
    @Order(8)
    void aHostThatNeverAnswersCostsTheConnectTimeoutOnceAndTheOthersAreUnlocked() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
            List<java.net.Socket> held = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // and never says anything
                        accepted.incrementAndGet();
                    }
                } catch (java.io.IOException closed) {
                    // test over
                }
            });
            acceptor.start();
            Path p = Projects.capstan(fleet, "silent", "/srv/silent", fleet.hosts, "");
            Projects.stage(p, "server '" + fleet.hosts.get(0).spec(Fleet.USER) + "', roles: ['app']",
                    "server '" + fleet.hosts.get(1).spec(Fleet.USER) + "', roles: ['app']",
                    "server 'deploy@127.0.0.1:" + silent.getLocalPort() + "', roles: ['app']");
            long t0 = System.nanoTime();
            Shell.Result r = Projects.capstan(fleet, p, "e2e", "deploy");
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(r.status()).as(r.out()).isEqualTo(1);
            assertThat(r.out()).contains("cannot connect to deploy@127.0.0.1:" + silent.getLocalPort() + ": no answer within 5.0 s");
            assertThat(accepted.get()).as("one connection to the silent host in the whole run (%.1f s)", seconds).isEqualTo(1);
            for (FleetHost h : fleet.hosts) {
                HostState s = HostState.of(h, "/srv/silent");
                assertThat(s.current()).as("nothing switched on " + h.name).isNull();
                assertThat(s.locked()).as("lock released on " + h.name).isFalse();
            }
            silent.close();
            acceptor.join(5000);
            for (java.net.Socket socket : held) socket.close();
        }
    }

    @Test
    @Order(7)
    void aHostThatDiesDuringUpdatingFailsTheDeployNamingItNoHostSwitchesAndTheRerunSucceeds() throws Exception {
        Path p = deployedWithHook("crash", "pause",
                "execute 'touch /srv/crash-inside'; execute 'sleep 3'",
                "before 'deploy:updated'");
        for (FleetHost h : fleet.hosts) Files.deleteIfExists(h.srv().resolve("crash-inside"));
        List<String> before = new java.util.ArrayList<>();
        for (FleetHost h : fleet.hosts) before.add(HostState.of(h, "/srv/crash").current());
        Thread.sleep(1100);
        fleet.commit("index.html", "crash\n", "after the crash");
        FleetHost victim = fleet.hosts.get(1);
        Path log = fleet.root.resolve("crash.out");
        Process capstan = deployInBackground(p, log);
        try {
            awaitOnEveryHost("crash-inside", capstan, log);
            fleet.crash(victim);
            assertThat(capstan.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("capstan ends after the host died").isTrue();
            String out = Files.readString(log);
            assertThat(capstan.exitValue()).as(out).isEqualTo(1);
            assertThat(out).as("the error names the dead host").contains(victim.address);
            for (int i = 0; i < fleet.hosts.size(); i++) {
                HostState s = HostState.of(fleet.hosts.get(i), "/srv/crash");
                assertThat(s.current()).as("no host switched: " + fleet.hosts.get(i).name).isEqualTo(before.get(i));
            }
            FleetHost survivor = fleet.hosts.get(0);
            assertThat(HostState.of(survivor, "/srv/crash").locked()).as("lock released where the host is alive").isFalse();
            assertThat(HostState.of(victim, "/srv/crash").locked()).as("the dead host kept the lock: nobody could remove it").isTrue();
        } finally {
            capstan.destroyForcibly();
            fleet.restart(victim);
        }
        // the host is back: the rerun takes over the lock its dead predecessor left there, and deploys everywhere
        Shell.Result rerun = Projects.capstan(fleet, p, "e2e", "deploy");
        assertThat(rerun.status()).as(rerun.out()).isZero();
        assertThat(rerun.out()).contains("taking over the deploy lock left by a run that died on this machine");
        for (FleetHost h : fleet.hosts) {
            HostState s = HostState.of(h, "/srv/crash");
            assertThat(s.revision()).as(h.name).isEqualTo(fleet.head());
            assertThat(s.locked()).as(h.name).isFalse();
        }
    }

    @Test
    @Order(9)
    void noProcessOutlivesAFleet() throws Exception {
        Fleet small = Fleet.start(1);
        String root = small.root.toString();
        assertThat(Shell.run(null, Map.of(), 10, List.of("pgrep", "-f", root)).status()).as("the fleet runs").isZero();
        small.close();
        Shell.Result left = Shell.run(null, Map.of(), 10, List.of("pgrep", "-af", root));
        assertThat(left.status()).as("left over: " + left.out()).isEqualTo(1);
    }
}
