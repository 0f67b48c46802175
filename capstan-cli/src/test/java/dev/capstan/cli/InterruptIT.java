package dev.capstan.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real CLI in a process of its own, sent real signals mid-deploy (local backend, a real git repository). What an
 * interrupt must do: end the command running on the host, start nothing new, leave {@code current} as it was, run
 * deploy:failed (the lock is released), exit 130/143; during publishing let the switch complete, then stop.
 */
class InterruptIT {
    @TempDir Path dir;
    Path project;
    Path deployTo;
    Path log;
    /** A sleep only this test runs, so pgrep finds exactly it. */
    final int seconds = 7000 + ThreadLocalRandom.current().nextInt(2000);

    @BeforeEach
    void project() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("index.html"), "v1\n");
        for (String[] git : new String[][] {{"init", "-q", "-b", "main"}, {"add", "-A"}, {"commit", "-q", "-m", "v1"}}) {
            List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@localhost", "-C", repo.toString()));
            cmd.addAll(List.of(git));
            assertThat(new ProcessBuilder(cmd).inheritIO().start().waitFor()).isZero();
        }
        project = dir.resolve("project");
        deployTo = dir.resolve("srv");
        Files.createDirectories(project);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        assertThat(Main.run(new String[] {"install", "--stages", "local"}, quiet, quiet, project, Map.of())).isZero();
        Files.writeString(project.resolve("config/deploy.groovy"), """
                set 'application', 'interrupted'
                set 'repo_url', '%s'
                set 'branch', 'main'
                """.formatted(repo));
        Files.writeString(project.resolve("config/deploy/local.groovy"), """
                set 'deploy_to', '%s'
                server 'localhost', roles: ['app'], backend: 'local'
                """.formatted(deployTo));
        assertThat(Main.run(new String[] {"local", "deploy"}, quiet, quiet, project, Map.of())).as("the first deploy").isZero();
        log = dir.resolve("capstan.out");
    }

    private void hooks(String groovy) throws IOException {
        Files.writeString(project.resolve("lib/capstan/tasks/pause.groovy"), groovy);
    }

    /** {@code capstan local deploy} as a process of its own (the JVM itself: signals reach it, not a launcher). */
    private Process deploy() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "local", "deploy")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitFile(Path marker, Process capstan) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(marker)) {
            assertThat(capstan.isAlive()).as("capstan still runs: " + Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("reached " + marker.getFileName()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void awaitOutput(String text, Process capstan) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.readString(log).contains(text)) {
            assertThat(capstan.isAlive()).as("capstan still runs: " + Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("printed " + text).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void signal(Process p, String name) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).start().waitFor()).isZero();
    }

    private String current() throws IOException {
        return Files.readSymbolicLink(deployTo.resolve("current")).getFileName().toString();
    }

    /** The pids of this test's sleep still running (none, when the interrupt ended the command). */
    private List<Long> sleepsLeft() throws Exception {
        List<Long> pids = new ArrayList<>();
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("sleep " + seconds))
                .forEach(p -> pids.add(p.pid()));
        return pids;
    }

    private List<Long> sleepsLeftAfterWaiting() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<Long> left = sleepsLeft();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = sleepsLeft();
        }
        return left;
    }

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130", "HUP, 129"})
    @Timeout(120)
    void anInterruptBeforePublishingEndsTheHookAndStopsBeforeAnyHostSwitches(String signal, int status) throws Exception {
        Path inside = dir.resolve("inside");
        hooks("""
                task('pause') { on(roles('app')) { execute 'touch %s && sleep %d && touch %s' } }
                before 'deploy:publishing', 'pause'
                """.formatted(inside, seconds, dir.resolve("after")));
        String before = current();
        Process capstan = deploy();
        awaitFile(inside, capstan);
        signal(capstan, signal);
        assertThat(capstan.waitFor(30, TimeUnit.SECONDS)).as("capstan stopped instead of waiting out the hook: " + Files.readString(log))
                .isTrue();
        String out = Files.readString(log);
        assertThat(capstan.exitValue()).as(out).isEqualTo(status);
        assertThat(out).contains("capstan: interrupted (SIG" + signal + "): ending the commands running on the hosts",
                "was ended on the host (capstan was interrupted (SIG" + signal + "))", "capstan: this run's deploy lock was released");
        assertThat(current()).as("current as it was").isEqualTo(before);
        assertThat(deployTo.resolve(".capstan-lock")).as("the lock is released").doesNotExist();
        assertThat(dir.resolve("after")).as("the rest of the hook never ran").doesNotExist();
        assertThat(sleepsLeftAfterWaiting()).as("the hook's sleep was ended").isEmpty();
        assertThat(out).doesNotContain("deploy:publishing").doesNotContain("deploy:cleanup");
    }

    /** Starts a deploy whose switch runs {@code task} ({@code command} after touching a marker) and interrupts it there. */
    private Process interruptedWhileSwitching(String task, String command) throws Exception {
        Path switching = dir.resolve("switching");
        hooks("""
                task('%s') { on(roles('app')) { execute 'touch %s && %s' } }
                after 'deploy:symlink:release', '%s'
                """.formatted(task, switching, command, task));
        Process capstan = deploy();
        awaitFile(switching, capstan);
        return capstan;
    }

    private void interruptTwice(Process capstan) throws Exception {
        signal(capstan, "INT");
        awaitOutput("publishing completes on every host first", capstan);
        signal(capstan, "INT");
    }

    @Test
    @Timeout(120)
    void anInterruptDuringPublishingLetsTheSwitchCompleteAndASecondSaysWhatItWaitsFor() throws Exception {
        String before = current();
        Process capstan = interruptedWhileSwitching("slow_switch", "sleep 4 && echo " + seconds + " > /dev/null");
        interruptTwice(capstan);
        assertThat(capstan.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log);
        assertThat(capstan.exitValue()).as(out).isEqualTo(130);
        assertThat(out).contains("capstan: still stopping; waiting for:", "sleep 4 && echo " + seconds, " on localhost (for ",
                "stopped after deploy:publishing completed: capstan was interrupted (SIGINT)", "capstan: this run's deploy lock was released");
        assertThat(current()).as("the switch completed").isNotEqualTo(before);
        assertThat(deployTo.resolve(".capstan-lock")).doesNotExist();
    }

    @Test
    @Timeout(120)
    void aHungHookIsNamedNowAndThenAndAThirdInterruptExitsAtOnceSayingTheLockMayStay() throws Exception {
        Process capstan = interruptedWhileSwitching("hung_switch", "sleep " + seconds);
        try {
            // not on a terminal: after 10 s a line says what is still running, where, for how long
            awaitOutput("      still running: hung_switch  touch ", capstan);
            assertThat(Files.readString(log)).containsPattern("still running: hung_switch  touch .* on localhost  1\\d s\n");
            interruptTwice(capstan);
            awaitOutput("interrupt once more to exit at once", capstan);
            signal(capstan, "INT");
            assertThat(capstan.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(log);
            assertThat(capstan.exitValue()).as(out).isEqualTo(130);
            assertThat(out).contains("capstan: exiting at once; the deploy lock may still be held on the hosts: "
                    + "check with `capstan local deploy:status`");
        } finally {
            capstan.destroyForcibly();
            for (long pid : sleepsLeft()) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // the hook capstan left
        }
    }
}
