package dev.capstan.cli.completion;

import dev.capstan.cli.CliProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The generated completion scripts in the real shells, against a real project: bash runs its completion function
 * the way Tab does (COMP_LINE/COMP_POINT), fish answers {@code complete -C}, zsh and fish check the syntax. The
 * scripts call a real {@code capstan} (the CLI on the test class path) for tasks and hosts.
 */
@Timeout(180)
class CompletionIT {
    @TempDir Path tmp;
    Path project;
    Path bin;

    @BeforeEach
    void project() throws Exception {
        project = Files.createDirectories(tmp.resolve("project"));
        assertThat(capstan("install", "--stages", "qa,production")).isZero();
        Files.writeString(project.resolve("config/deploy/qa.groovy"), "server 'web1', roles: ['web', 'app']\nserver 'db1', roles: ['db']\n");
        Files.writeString(project.resolve("lib/capstan/tasks/hello.groovy"), "task('hello:world') { }\n");
        bin = Files.createDirectories(tmp.resolve("bin"));
        StringBuilder wrapper = new StringBuilder("#!/bin/sh\nexec");
        for (String w : CliProcess.command()) wrapper.append(" '").append(w).append("'");
        Path capstan = Files.writeString(bin.resolve("capstan"), wrapper.append(" \"$@\"\n"));
        Files.setPosixFilePermissions(capstan, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void bashCompletesStagesCommandsTasksHostsRolesAndOptions() throws Exception {
        Path script = Files.writeString(tmp.resolve("capstan.bash"), script("bash"));
        String out = shell(List.of("bash", "-c", """
                source %s
                complete -p capstan
                t() { COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}; _capstan; printf '[%%s] %%s\\n' "$1" "${COMPREPLY[*]}"; }
                t 'capstan '
                t 'capstan q'
                t 'capstan qa hello:w'
                t 'capstan qa deploy:rollb'
                t 'capstan qa ex'
                t 'capstan qa ssh '
                t 'capstan --roles db qa ssh w'
                t 'capstan qa --roles '
                t 'capstan --for'
                t 'capstan --format '
                t 'capstan completion '
                t 'capstan qa exec -- l'
                """.formatted(script)));
        assertThat(out).contains("complete -F _capstan capstan",
                "[capstan ] production qa install completion", "[capstan q] qa",
                "[capstan qa hello:w] world", "[capstan qa deploy:rollb] rollback", "[capstan qa ex] exec",
                "[capstan qa ssh ] db1 web1", "[capstan --roles db qa ssh w] web1", "[capstan qa --roles ] app db web",
                "[capstan --for] --format --force-unlock", "[capstan --format ] concise pretty dot json grouped",
                "[capstan completion ] bash zsh fish", "[capstan qa exec -- l] \n");
    }

    @Test
    void everyOptionOfTheTableIsInEachScript() {
        for (String shell : CompletionScripts.SHELLS) {
            String s = script(shell);
            for (dev.capstan.cli.Commands.Option o : dev.capstan.cli.Commands.options()) assertThat(s).contains(o.names());
            assertThat(s).doesNotContain("@OPTS@", "@VALUE_OPTS@", "@STAGE_CMDS@");
        }
        assertThat(capstan("completion", "tcsh")).isEqualTo(2);
    }

    @Test
    void fishCompletesAndZshAndFishParseTheirScripts() throws Exception {
        boolean fish = installed("fish");
        boolean zsh = installed("zsh");
        assumeTrue(fish || zsh, "neither zsh nor fish is installed (apt-get install zsh fish)");
        if (zsh) {
            Path script = Files.writeString(tmp.resolve("_capstan"), script("zsh"));
            assertThat(shell(List.of("zsh", "-n", script.toString()))).isEmpty();
        }
        if (fish) {
            Path script = Files.writeString(tmp.resolve("capstan.fish"), script("fish"));
            assertThat(shell(List.of("fish", "-n", script.toString()))).isEmpty();
            String out = shell(List.of("fish", "-c", "source " + script + "; complete -C 'capstan qa hello:'; complete -C 'capstan qa ssh d';"
                    + " complete -C 'capstan '"));
            assertThat(out).contains("hello:world", "db1", "qa", "production", "completion");
        }
    }

    private String script(String shell) {
        assertThat(capstan("completion", shell)).isZero();
        return lastOut;
    }

    private String lastOut;

    private int capstan(String... args) {
        dev.capstan.cli.CliRun run = dev.capstan.cli.CliRun.in(project, args);
        lastOut = run.out();
        return run.status();
    }

    private String shell(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).directory(project.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        pb.environment().put("HOME", tmp.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static boolean installed(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
