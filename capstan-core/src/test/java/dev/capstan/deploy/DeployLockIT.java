package dev.capstan.deploy;

import dev.capstan.remote.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The deploy lock's takeover rule with real processes: a lock is taken over only when its holder provably
 * ended (this boot, this pid namespace, no process with its pid and start time), never on host name + pid.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeployLockIT extends DeployTestBase {
    private static final String TOKEN = "token=0123456789abcdef";

    private Path lock() {
        return deployTo.resolve(".capstan-lock");
    }

    private void holdLock(String identity) throws Exception {
        Files.createDirectories(lock());
        Files.writeString(lock().resolve("info"), "user=bob host=" + java.net.InetAddress.getLocalHost().getHostName()
                + " stage=test since=1700000000 " + TOKEN + " " + identity + "\n");
    }

    private static String identity(String boot, String pidns, long pid, String start) {
        return "boot=" + boot + " pidns=" + pidns + " pid=" + pid + " start=" + start;
    }

    @Test
    void aLiveHolderAnotherBootOrALockThatDoesNotSayEnoughIsRefusedWithTheStagesUnlockCommand() throws Exception {
        LockOwner self = linuxSelf();
        Process gone = ended();
        List<String> holders = List.of(self.info(), // this very process: alive
                identity("00000000-0000-0000-0000-000000000000", self.pidNamespace(), gone.pid(), "1"), // another boot or machine
                "pid=" + gone.pid()); // the old format: host name + pid say nothing about which machine or container
        for (String holder : holders) {
            holdLock(holder);
            try (DeployHarness h = harness()) {
                assertThatThrownBy(() -> h.run("deploy")).as(holder).hasMessageContaining("deploy is locked on 1 host(s)")
                        .hasMessageContaining("locked by bob").hasMessageContaining("`capstan test deploy:unlock`");
            }
            assertThat(lock().resolve("info")).as(holder).exists();
            assertThat(deployTo.resolve("current")).doesNotExist();
        }
    }

    @Test
    void aHolderThatProvablyEndedIsTakenOverAlsoWhenItsPidWasReused() throws Exception {
        LockOwner self = linuxSelf();
        Process gone = ended();
        holdLock(identity(self.boot(), self.pidNamespace(), gone.pid(), "12345"));
        try (DeployHarness h = harness()) {
            h.run("deploy");
            assertThat(h.events).anyMatch(e -> e instanceof Event.LogMessage m && m.message().contains("taking over the deploy lock left by a run that died")
                    && m.message().contains("pid " + gone.pid() + " of bob, gone"));
        }
        assertThat(lock()).doesNotExist();
        // the pid now runs another process (its start time differs): the holder ended all the same
        Process reused = new ProcessBuilder("sleep", "30").start();
        try {
            holdLock(identity(self.boot(), self.pidNamespace(), reused.pid(), "1"));
            try (DeployHarness h = harness()) {
                h.run("deploy:cleanup");
                assertThat(h.events).anyMatch(e -> e instanceof Event.LogMessage m && m.message().contains("the pid now belongs to a later process"));
            }
            // and with its real start time, the same process is a live holder
            holdLock(identity(self.boot(), self.pidNamespace(), reused.pid(), LockOwner.statStart(Files.readString(Path.of("/proc/" + reused.pid() + "/stat")))));
            try (DeployHarness h = harness()) {
                assertThatThrownBy(() -> h.run("deploy:cleanup")).hasMessageContaining("deploy is locked on 1 host(s)");
            }
        } finally {
            reused.destroy();
        }
    }

    @Test
    void aDeployFromAnotherPidNamespaceNeverTakesOverALiveLock() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")) && "0".equals(run("id", "-u").strip()), "needs root and unshare (pid namespaces)");
        // the holder is this JVM, alive; the second run sees none of our pids in its own namespace
        holdLock(LockOwner.self().info());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc", java, "-cp",
                System.getProperty("java.class.path"), LockProbe.class.getName(), deployTo.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(out).contains("refused: ", "deploy is locked on 1 host(s)", "locked by bob");
        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(Files.readString(lock().resolve("info"))).contains(TOKEN);

        // and the other way round: a holder in another namespace whose pid is free here is still not provably gone
        Process inside = new ProcessBuilder("unshare", "--pid", "--fork", "--kill-child", "--mount-proc", "sleep", "30").start();
        try {
            String ns = null;
            for (int i = 0; i < 100 && ns == null; i++) { // the forked child appears a moment after unshare starts
                for (ProcessHandle c : inside.toHandle().children().toList()) {
                    ns = Files.readSymbolicLink(Path.of("/proc/" + c.pid() + "/ns/pid")).toString().replaceAll("\\D", "");
                }
                if (ns == null) Thread.sleep(20);
            }
            assertThat(ns).isNotNull().isNotEqualTo(LockOwner.self().pidNamespace());
            holdLock(identity(LockOwner.self().boot(), ns, ended().pid(), "1"));
            try (DeployHarness h = harness()) {
                assertThatThrownBy(() -> h.run("deploy")).hasMessageContaining("deploy is locked on 1 host(s)");
            }
        } finally {
            inside.destroy();
        }
    }

    /** This process's lock identity; the test is skipped where /proc cannot tell it. */
    private static LockOwner linuxSelf() {
        LockOwner self = LockOwner.self();
        assumeTrue(!self.boot().isEmpty() && !self.pidNamespace().isEmpty(), "needs Linux /proc");
        return self;
    }

    /** A process that ran and ended: its pid is free (for now). */
    private static Process ended() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
