package dev.capstan.cli.ssh;

import dev.capstan.cli.CliProcess;
import dev.capstan.cli.TestFleet;
import dev.capstan.cli.Tmux;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code capstan qa ssh}: in a real terminal (tmux) on embedded SSH hosts, and its errors without one. The embedded
 * server gives the command no real pty, so nothing turns the raw terminal's Enter (CR) into a newline there: lines
 * inside the session end with C-j. (On OpenSSH the host's pty does it: see the e2e suite.)
 */
@Timeout(90)
class SshCommandIT {
    @TempDir Path tmp;
    TestFleet fleet;
    Path current;

    @BeforeEach
    void start() throws Exception {
        Map<String, String> servers = new LinkedHashMap<>();
        servers.put("web1", "web");
        servers.put("web2", "web");
        servers.put("db1", "db");
        fleet = new TestFleet(tmp, servers);
        current = Files.createDirectories(tmp.resolve("srv/app/current"));
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void logsInToTheNamedHostInCurrentAndReturnsItsExitStatus() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed (apt-get install tmux)");
        try (Tmux tmux = new Tmux(fleet.project, CliProcess.shellLine(Map.of("TERM", "xterm"), "qa", "ssh", "web2")
                + "; echo SSH-EXITED-$?; sleep 60")) {
            waitForSession("web2");
            tmux.type("pwd; echo \"term=$TERM\"");
            tmux.press("C-j");
            tmux.await(current.toString(), 20);
            tmux.type("exit 7");
            tmux.press("C-j");
            tmux.await("SSH-EXITED-7", 20);
        }
        assertThat(fleet.hosts.get("web1").sessionsOpened()).isZero();
        assertThat(fleet.hosts.get("db1").sessionsOpened()).isZero();
    }

    @Test
    void severalMatchingHostsGiveANumberedListToPickFrom() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed (apt-get install tmux)");
        try (Tmux tmux = new Tmux(fleet.project, CliProcess.shellLine(Map.of("TERM", "xterm"), "qa", "ssh")
                + "; echo SSH-EXITED-$?; sleep 60")) {
            String screen = tmux.await("Host [1-3]: ", 60);
            assertThat(screen).containsPattern("1\\) web1 +web ").containsPattern("3\\) db1 +db ");
            tmux.type("9");
            tmux.press("Enter");
            tmux.await("'9' is not one of them", 10);
            tmux.type("3");
            tmux.press("Enter");
            waitForSession("db1");
            tmux.type("exit");
            tmux.press("C-j");
            tmux.await("SSH-EXITED-0", 20);
        }
        assertThat(fleet.hosts.get("web1").sessionsOpened()).isZero();
    }

    @Test
    void withoutATerminalSeveralHostsAreAnErrorListingThem() {
        assertThat(fleet.capstan("qa", "ssh")).isEqualTo(2);
        assertThat(fleet.err).contains("3 hosts match; name one (`capstan qa ssh HOST`)").containsPattern("2\\) web2 +web ");
        assertThat(fleet.capstan("--roles", "web", "qa", "ssh")).isEqualTo(2);
        assertThat(fleet.err).contains("2 hosts match").doesNotContain("db1");
        assertThat(fleet.capstan("qa", "ssh", "nosuch")).isEqualTo(2);
        assertThat(fleet.err).contains("no host of stage 'qa' matches 'nosuch'; its hosts:", "web1");
        assertThat(fleet.capstan("--dry-run", "qa", "ssh", "db1")).isZero();
        assertThat(fleet.out).contains("would log in to").contains("cd " + tmp.resolve("srv/app") + "/current 2>/dev/null || cd ");
        assertThat(fleet.hosts.values()).allMatch(h -> h.sessionsOpened() == 0);
    }

    private void waitForSession(String name) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (fleet.hosts.get(name).activeSessions().isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(fleet.hosts.get(name).activeSessions()).as("a session on " + name).isNotEmpty();
    }
}
