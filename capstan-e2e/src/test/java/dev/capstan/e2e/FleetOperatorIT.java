package dev.capstan.e2e;

import dev.capstan.cli.Tmux;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operator commands through bin/capstan on real OpenSSH hosts: exec's table and exit status, ssh with a real
 * pty through a jump host with the agent forwarded, and the console's Ctrl-C ending the command on the hosts,
 * the last two in a real terminal (tmux).
 */
@Timeout(300)
class FleetOperatorIT {
    @WithFleet(2) static Fleet fleet;
    static Path project;

    @BeforeAll
    static void start() throws Exception {
        project = Projects.capstan(fleet, "ops", "/srv/ops", fleet.hosts, "");
        Files.createDirectories(fleet.hosts.get(0).srv().resolve("ops/current"));
        Shell.ok("chown", "-R", Fleet.USER + ":" + Fleet.USER, fleet.hosts.get(0).srv().resolve("ops").toString());
    }

    @Test
    void execRunsOnEveryHostAndExitsOneWhenOneFails() {
        Shell.Result r = Projects.capstan(fleet, project, "e2e", "exec", "--", "whoami; test -d /srv/ops/current");
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("│ deploy", "✔ exit 0", "✘ exit 1", "1 of 2 hosts failed");
    }

    @Test
    void sshLogsInWithAPtyThroughAJumpHostWithTheAgentInCurrent() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed");
        Path p = Projects.capstan(fleet, "ops-ssh", "/srv/ops", fleet.hosts.subList(0, 1), "");
        Projects.stage(p, "server '" + fleet.hosts.get(0).spec(Fleet.USER) + "', roles: ['app'], ssh_options: [proxy_jump: '"
                + Fleet.USER + "@" + fleet.git.hostPort() + "']");
        try (Tmux tmux = new Tmux(p, line("e2e", "ssh") + "; echo SSH-EXITED-$?; sleep 60")) {
            tmux.await("$ ", 60);
            tmux.type("tty; pwd; ssh-add -l | grep -c ED25519");
            tmux.press("Enter");
            String screen = tmux.await("/srv/ops/current", 20);
            assertThat(screen).contains("/dev/pts/");
            tmux.type("stty size");
            tmux.press("Enter");
            screen = tmux.await("50 160", 20);
            assertThat(screen).as("the agent is forwarded: one ed25519 key listed").containsPattern("(?m)^1\\s*$");
            tmux.resize(100, 30);
            Thread.sleep(500); // the window change travels to the host's pty
            tmux.type("stty size");
            tmux.press("Enter");
            tmux.await("30 100", 20);
            tmux.type("exit 4");
            tmux.press("Enter");
            tmux.await("SSH-EXITED-4", 20);
        }
        assertThat(Files.readString(fleet.git.log())).as("the login went through the git host").contains("direct-tcpip");
    }

    @Test
    void consoleCtrlCEndsTheCommandOnEveryHost() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed");
        for (FleetHost h : fleet.hosts) Files.deleteIfExists(h.srv().resolve("ops/pid"));
        try (Tmux tmux = new Tmux(project, line("e2e", "console") + "; echo CONSOLE-EXITED-$?; sleep 60")) {
            tmux.await("2 of 2 hosts selected", 60);
            tmux.await("> ", 10);
            tmux.type("mkdir -p /srv/ops && echo $$ > /srv/ops/pid && exec sleep 300");
            tmux.press("Enter");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!fleet.hosts.stream().allMatch(h -> nonEmpty(h.srv().resolve("ops/pid"))) && System.nanoTime() < deadline) Thread.sleep(100);
            assertThat(fleet.hosts).allMatch(h -> nonEmpty(h.srv().resolve("ops/pid")));
            tmux.press("C-c");
            String screen = tmux.await("2 of 2 hosts failed", 30);
            assertThat(screen).contains("ending the command on every host", "exit 130");
            for (FleetHost h : fleet.hosts) {
                long pid = Long.parseLong(Files.readString(h.srv().resolve("ops/pid")).strip());
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("sleep on %s", h.name).isFalse();
            }
            assertThat(tmux.enter("echo still here")).contains("│ still here");
            tmux.type(":exit");
            tmux.press("Enter");
            tmux.await("CONSOLE-EXITED-0", 20);
        }
    }

    private static boolean nonEmpty(Path p) {
        try {
            return Files.exists(p) && !Files.readString(p).isBlank();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** {@code bin/capstan ARGS} as a line of shell, with the fleet's agent and caches, for a tmux window. */
    private static String line(String... args) {
        Map<String, String> env = new java.util.LinkedHashMap<>(Projects.env(fleet));
        env.put("HOME", fleet.root.toString());
        env.put("TERM", "xterm");
        String vars = env.entrySet().stream().map(e -> e.getKey() + "='" + e.getValue() + "'").collect(Collectors.joining(" "));
        return "env " + vars + " '" + Projects.REPO_ROOT.resolve("bin/capstan") + "' " + String.join(" ", args);
    }
}
