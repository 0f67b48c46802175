package dev.capstan.cli.exec;

import dev.capstan.cli.CliProcess;
import dev.capstan.cli.TestFleet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code capstan qa exec} through the real CLI on three embedded SSH hosts. */
@Timeout(60)
class ExecCommandIT {
    @TempDir Path tmp;
    TestFleet fleet;

    @BeforeEach
    void start() throws Exception {
        fleet = new TestFleet(tmp, Map.of("web1", "web", "web2", "web", "db1", "db"));
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void runsOnEveryHostGroupsOutputAndTabulates() {
        assertThat(fleet.capstan("qa", "exec", "--", "echo", "one;", "echo", "two", ">&2")).as(fleet.err).isZero();
        for (String h : new String[] {"web1", "web2", "db1"}) {
            assertThat(fleet.out).containsPattern("(?m)^" + h + "\\n│ one\\n│ two\\n✔ exit 0 · [0-9.]+s$");
            assertThat(fleet.out).containsPattern("(?m)^" + h + " +0 +[0-9.]+s$");
        }
        assertThat(fleet.out).contains("HOST  STATUS  TIME", "3 of 3 hosts succeeded");
        assertThat(fleet.project.resolve("log/capstan.log")).content().contains("echo one; echo two >&2");
    }

    @Test
    void exitsOneWhenAnyHostFailsAndTheOthersStillRun() throws Exception {
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        int status = fleet.capstan("qa", "exec", "--", "touch " + marks + "/$PPID; if [ $(hostname) ]; then test -e " + tmp.resolve("no") + "; fi");
        assertThat(status).isEqualTo(1);
        assertThat(fleet.out).contains("3 of 3 hosts failed").containsPattern("(?m)^web1 +1 ");
        assertThat(marks).isNotEmptyDirectory();

        assertThat(fleet.capstan("--hosts", "web2", "qa", "exec", "--", "exit 3")).isEqualTo(1);
        assertThat(fleet.out).contains("web2\n✘ exit 3", "1 of 1 hosts failed").doesNotContain("web1", "db1");
    }

    @Test
    void anUnreachableHostIsAFailureInTheTableAndTheOthersStillRun() {
        fleet.hosts.get("db1").close(); // nothing listens on its port any more
        assertThat(fleet.capstan("qa", "exec", "--", "echo", "up")).isEqualTo(1);
        assertThat(fleet.out).contains("web1\n│ up\n✔ exit 0", "web2\n│ up\n✔ exit 0", "1 of 3 hosts failed")
                .containsPattern("(?m)^db1\\n✘ .*127\\.0\\.0\\.1").containsPattern("(?m)^db1 +error ");
    }

    @Test
    void rolesHostsSequenceAndLimitSelectAndPace() {
        assertThat(fleet.capstan("--roles", "db", "qa", "exec", "--", "echo", "from", "db")).isZero();
        assertThat(fleet.out).contains("db1\n│ from db").doesNotContain("web1");
        assertThat(fleet.capstan("--sequence", "qa", "exec", "--", "echo hi")).isZero();
        assertThat(fleet.out).contains("3 of 3 hosts succeeded");
        assertThat(fleet.capstan("--limit", "2", "qa", "exec", "FOO=bar", "--", "FOO=x; echo $FOO")).isZero();
        assertThat(fleet.out).contains("│ x");
    }

    @Test
    void badUsageIsExplainedBeforeAnyHostIsTouched() {
        assertThat(fleet.capstan("qa", "exec")).isEqualTo(2);
        assertThat(fleet.err).contains("exec needs a command");
        assertThat(fleet.capstan("--sequence", "--limit", "2", "qa", "exec", "--", "true")).isEqualTo(2);
        assertThat(fleet.capstan("--limit", "0", "qa", "exec", "--", "true")).isEqualTo(2);
        assertThat(fleet.err).contains("--limit needs a whole number");
        assertThat(fleet.capstan("--hosts", "nosuch", "qa", "exec", "--", "true")).isEqualTo(1);
        assertThat(fleet.err).contains("no host of stage 'qa' matches");
        assertThat(fleet.capstan("--dry-run", "qa", "exec", "--", "rm -rf /srv/app/releases/old")).isZero();
        assertThat(fleet.out).contains("rm -rf /srv/app/releases/old");
        assertThat(fleet.hosts.values()).allMatch(h -> h.sessionsOpened() == 0);
    }

    @Test
    void aSignalEndsTheCommandOnEveryHostAndStillPrintsTheTable() throws Exception {
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        Path output = tmp.resolve("exec.out");
        Process capstan = CliProcess.start(fleet.project, output, "qa", "exec", "--",
                "sleep 300 & echo $! > " + marks + "/sleep.$$; wait");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (listed(marks) < 3 && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(listed(marks)).as("every host started the command").isEqualTo(3);
        capstan.destroy(); // SIGTERM, the path Ctrl-C takes too (the JVM's shutdown hooks)
        assertThat(capstan.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(capstan.exitValue()).isNotZero();
        try (var pids = Files.list(marks)) {
            for (Path p : pids.toList()) {
                long pid = Long.parseLong(Files.readString(p).strip());
                long until = System.nanoTime() + 10_000_000_000L;
                while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < until) Thread.sleep(50);
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        .as("sleep %d ended on its host; capstan printed:%n%s", pid, Files.readString(output)).isFalse();
            }
        }
        assertThat(Files.readString(output)).contains("interrupted; ending the command on every host", "3 of 3 hosts failed");
    }

    private static long listed(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> {
                try {
                    return !Files.readString(p).isBlank();
                } catch (java.io.IOException e) {
                    return false;
                }
            }).count();
        }
    }

    @Test
    void aTaskOfTheProjectWithTheSameNameRunsInstead() throws Exception {
        Files.writeString(fleet.project.resolve("lib/capstan/tasks/exec.groovy"), "task('exec') { run_locally { info 'the project task ran' } }\n");
        assertThat(fleet.capstan("qa", "exec")).as(fleet.err).isZero();
        assertThat(fleet.err).contains("running the task 'exec' of this project, not the built-in command");
        assertThat(fleet.out).contains("the project task ran");
    }

    @Test
    void secretsAreMaskedInTheGroupedOutput() throws Exception {
        Files.writeString(fleet.project.resolve("config/deploy.groovy"), "set 'db_password', 'pw-s3cr3t-77'\nsecret 'db_password'\n");
        assertThat(fleet.capstan("--hosts", "web1", "qa", "exec", "--", "echo pw-s3cr3t-77")).isZero();
        assertThat(fleet.out).contains("│ [REDACTED]").doesNotContain("pw-s3cr3t-77");
    }
}
