package dev.capstan.cli.exec;

import dev.capstan.cli.CliProcess;
import dev.capstan.cli.CliRun;
import dev.capstan.remote.Host;
import dev.capstan.remote.backend.ssh.OpenSshServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An interrupted {@code capstan exec} on a real OpenSSH sshd (this machine, so the test sees the host's processes):
 * the line gets INT first, as a terminal's Ctrl-C would reach it, and what ignores INT (a shell's background job)
 * ends with TERM, so nothing of its process group is left.
 */
@Timeout(120)
class ExecOnOpenSshIT {
    @TempDir Path tmp;

    @Test
    void aSignalSendsTheLineIntFirstThenEndsItsWholeProcessGroup() throws Exception {
        assumeTrue(OpenSshServer.available(), "needs root and /usr/sbin/sshd (apt-get install openssh-server) to start a real sshd");
        try (OpenSshServer.WithClient sshd = OpenSshServer.WithClient.start(tmp, 10)) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx")); // the login user writes the marks
            Path project = project(sshd.host());
            Path got = tmp.resolve("got");
            Path sleepPid = tmp.resolve("sleep.pid");
            Path output = tmp.resolve("exec.out");
            Process capstan = CliProcess.start(project, output, "qa", "exec", "--",
                    "trap 'echo INT > " + got + "; exit 9' INT; sleep 300 & echo $! > " + sleepPid + "; wait");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!nonEmpty(sleepPid) && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(nonEmpty(sleepPid)).as("the line started; capstan printed:%n%s", Files.readString(output)).isTrue();

            capstan.destroy(); // SIGTERM, the path Ctrl-C takes too (the JVM's shutdown hooks)
            assertThat(capstan.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String printed = Files.readString(output);
            assertThat(got).as(printed).content().isEqualToIgnoringNewLines("INT");
            assertThat(printed).contains("interrupted; ending the command on every host", "✘ exit 9", "1 of 1 hosts failed");
            long pid = Long.parseLong(Files.readString(sleepPid).strip());
            long until = System.nanoTime() + 10_000_000_000L;
            while (alive(pid) && System.nanoTime() < until) Thread.sleep(50);
            assertThat(alive(pid)).as("the background sleep (it ignores INT) ended on the host; capstan printed:%n%s", printed).isFalse();
        }
    }

    private Path project(Host host) throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        CliRun install = CliRun.in(project, "install", "--stages", "qa");
        assertThat(install.status()).as(install.err()).isZero();
        Files.writeString(project.resolve("config/deploy/qa.groovy"), "server '" + host.getUser() + "@127.0.0.1:" + host.getPort()
                + "', roles: ['app']\nset 'ssh_options', [keys: ['" + tmp.resolve("id_client") + "'], keys_only: true, use_agent: false,"
                + " config: false, user_known_hosts_file: '" + tmp.resolve("known_hosts") + "']\n");
        return project;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean nonEmpty(Path p) throws java.io.IOException {
        return Files.exists(p) && !Files.readString(p).isBlank();
    }
}
