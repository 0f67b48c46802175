package dev.capstan.cli.console;

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

/** The console in a real terminal (tmux), on three embedded SSH hosts: keys in, screen out. */
@Timeout(120)
class ConsoleTmuxIT {
    @TempDir Path tmp;
    TestFleet fleet;
    Tmux tmux;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed (apt-get install tmux)");
        Map<String, String> servers = new LinkedHashMap<>();
        servers.put("web1", "web");
        servers.put("web2", "web");
        servers.put("db1", "db");
        fleet = new TestFleet(tmp, servers);
        Files.writeString(fleet.project.resolve("lib/capstan/tasks/probe.groovy"), """
                desc 'Leave a mark on each host'
                task('probe:mark') { on(roles('all')) { host -> execute "touch %s/mark-${host.hostname}" } }
                """.formatted(tmp));
        Path home = Files.createDirectories(tmp.resolve("home"));
        tmux = new Tmux(fleet.project, CliProcess.shellLine(Map.of("HOME", home.toString(), "TERM", "xterm"), "qa", "console")
                + "; echo CONSOLE-EXITED-$?; sleep 60");
        tmux.await("Capstan console on qa: 3 of 3 hosts selected", 60);
        tmux.await("qa web1,web2,db1> ", 10);
    }

    @AfterEach
    void stop() throws Exception {
        if (tmux != null) tmux.close();
        if (fleet != null) fleet.close();
    }

    @Test
    void linesRunOnTheSelectedHostsGroupedWithStatusAndTime() throws Exception {
        String screen = tmux.enter("echo hi from $PPID; false");
        assertThat(screen).containsPattern("web1\\n│ hi from [0-9]+\\n✘ exit 1 · [0-9.]+s").contains("HOST  STATUS  TIME", "3 of 3 hosts failed");

        assertThat(tmux.enter(":roles db")).contains("* db1");
        screen = tmux.enter("echo only here");
        assertThat(screen).contains("qa db1> ", "db1\n│ only here", "1 of 1 hosts succeeded");

        Path dir = Files.createDirectories(tmp.resolve("srv/app/current"));
        tmux.enter(":hosts web1,web2");
        tmux.enter(":within " + dir);
        tmux.enter(":sequence");
        screen = tmux.enter("pwd");
        assertThat(screen).contains("qa web1,web2 (sequence) in " + dir + "> ", "web2\n│ " + dir, "2 of 2 hosts succeeded");

        tmux.enter(":within /nonexistent/dir");
        assertThat(tmux.enter("pwd")).contains("✘ Directory does not exist '/nonexistent/dir'");
        tmux.enter(":within");
        boolean sudo = Files.isExecutable(Path.of("/usr/bin/sudo")) && "root".equals(System.getProperty("user.name"));
        if (sudo) {
            tmux.enter(":as nobody");
            assertThat(tmux.enter("whoami")).contains("web1\n│ nobody");
            tmux.enter(":as");
        }
        tmux.enter(":within " + dir);

        // history: Up walks back over the 8 lines since `echo only here` (11 with the :as lines), which then runs again
        for (int i = 0; i < (sudo ? 12 : 9); i++) tmux.press("Up");
        tmux.await("> echo only here", 10);
        screen = tmux.enter("");
        assertThat(screen).contains("web1\n│ only here", "web2\n│ only here");
        tmux.type(":exit");
        tmux.press("Enter");
        tmux.await("CONSOLE-EXITED-0", 20);
        assertThat(tmp.resolve("home/.capstan/history")).content().contains("echo only here", ":roles db", "pwd");
        assertThat(java.nio.file.Files.getPosixFilePermissions(tmp.resolve("home/.capstan/history")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void completesColonCommandsTasksAndHostsAndRunsATask() throws Exception {
        tmux.type(":ta");
        tmux.press("Tab");
        tmux.type("probe:m");
        tmux.press("Tab");
        tmux.await("> :task probe:mark", 10);
        assertThat(tmux.enter("")).contains("3 of 3 hosts succeeded");
        for (String h : new String[] {"web1", "web2", "db1"}) assertThat(tmp.resolve("mark-" + h)).exists();

        tmux.type(":hosts we");
        tmux.press("Tab");
        String screen = tmux.await("web1", 10);
        assertThat(screen).contains("web2");
    }

    @Test
    void ctrlCEndsTheRunningCommandOnEveryHostAndKeepsTheConsole() throws Exception {
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        tmux.type("echo $$ > " + marks + "/$$; exec sleep 300");
        tmux.press("Enter");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count(marks) < 3 && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(count(marks)).isEqualTo(3);
        tmux.press("C-c");
        String screen = tmux.await("3 of 3 hosts failed", 30);
        assertThat(screen).contains("ending the command on every host").containsPattern("db1 +130 ");
        try (var files = Files.list(marks)) {
            for (Path p : files.toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("sleep %d still running", pid).isFalse();
            }
        }
        assertThat(tmux.enter("echo still here")).contains("│ still here");
        tmux.press("C-d");
        tmux.await("CONSOLE-EXITED-0", 20);
    }

    private static long count(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }
}
