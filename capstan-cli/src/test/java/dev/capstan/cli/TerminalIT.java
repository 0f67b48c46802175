package dev.capstan.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The released launcher on a real terminal: a tmux pane of a known size (tmux, on a socket of this test's own;
 * .ci/run installs it). Checks the width the output is cut to and that an {@code ask} prompt is not drawn over
 * the status line. Runs after {@code package}, with {@link DistributionIT}.
 */
@Timeout(180)
@EnabledIfSystemProperty(named = "capstan.distribution", matches = "target")
class TerminalIT {
    @TempDir Path tmp;
    Path home;
    Path project;
    Path socket;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Launcher.run(tmp, List.of("sh", "-c", "command -v tmux"), List.of()).status() == 0, "tmux is installed (.ci/run installs it)");
        home = Launcher.unpackRelease(DistributionIT.TARGET, tmp);
        socket = tmp.resolve("tmux.sock");
        project = Files.createDirectories(tmp.resolve("project"));
        Launcher.run(project, List.of(home.resolve("bin/capstan").toString(), "install", "--stages", "local"), List.of()).assertOk();
        Files.writeString(project.resolve("config/deploy/local.groovy"), """
                server 'alpha', roles: ['app'], backend: 'local'
                server 'beta', roles: ['app'], backend: 'local'
                ask 'db_password', null, echo: false, prompt: 'Database password'
                """);
        Files.writeString(project.resolve("lib/capstan/tasks/terminal.groovy"), """
                task('wide') { on(roles('app'), in: 'sequence') { info 'x' * 140 + 'END' } }
                task('secret') {
                    on(roles('app')) { host ->
                        if (host.hostname == 'alpha') { execute 'sleep', '2' }
                        else { execute 'sleep', '0.5'; info 'password has ' + fetch('db_password').size() + ' characters' }
                    }
                }
                """);
    }

    @AfterEach
    void stopTmux() throws Exception {
        if (socket != null && Files.exists(socket)) Launcher.run(tmp, List.of("tmux", "-S", socket.toString(), "kill-server"), List.of());
    }

    @Test
    void linesAreCutToTheTerminalsRealWidth() throws Exception {
        String wide = run("wide160", 160, "wide");
        assertThat(wide).contains("x".repeat(140) + "END").doesNotContain("…");
        String narrow = run("wide100", 100, "wide");
        assertThat(narrow).doesNotContain("END").contains("x…");
        assertThat(narrow.lines().filter(l -> l.contains("xxxx"))).allMatch(l -> l.length() <= 100);
    }

    @Test
    void anAskPromptStartsOnAClearLineNotAfterTheStatusLine() throws Exception {
        start("secret", 120, "secret");
        String screen = waitFor("secret", "Database password:");
        String promptLine = screen.lines().filter(l -> l.contains("Database password:")).findFirst().orElseThrow();
        assertThat(promptLine).as("the whole screen:\n" + screen).startsWith("Database password:").doesNotContain("failed", "running");
        assertThat(screen).as("an ask declares its variable").doesNotContain("warning");
        tmux("send-keys", "-t", "secret", "s3cret", "Enter");
        String end = waitFor("secret", "EXIT=");
        assertThat(end).contains("password has 6 characters", "EXIT=0").doesNotContain("s3cret");
    }

    /** Runs {@code capstan local TASK} in a new session's pane {@code columns} wide; the screen when it has ended. */
    private String run(String session, int columns, String task) throws Exception {
        start(session, columns, task);
        return waitFor(session, "EXIT=");
    }

    private void start(String session, int columns, String task) throws Exception {
        String command = "cd '" + project + "' && capstan local " + task + "; echo EXIT=$?; sleep 60";
        tmux("new-session", "-d", "-s", session, "-x", String.valueOf(columns), "-y", "50",
                "env", "PATH=" + home.resolve("bin") + ":" + System.getenv("PATH"), "XDG_CACHE_HOME=" + tmp.resolve("cache"), "TERM=xterm",
                "sh", "-c", command);
    }

    private String waitFor(String session, String text) throws Exception {
        String screen = "";
        for (int i = 0; i < 600 && !screen.contains(text); i++) {
            Thread.sleep(100);
            screen = tmux("capture-pane", "-p", "-t", session).output();
        }
        assertThat(screen).as("the terminal shows %s", text).contains(text);
        return screen;
    }

    private Launcher.Result tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        cmd.addAll(List.of(args));
        Launcher.Result r = Launcher.run(tmp, cmd, List.of());
        r.assertOk();
        return r;
    }
}
