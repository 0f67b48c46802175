package dev.capstan.cli;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The real CLI entry point on a scaffolded project, with a local "server". */
class MainIT {
    @TempDir Path dir;
    String out;
    String err;

    private int capstan(String... args) {
        CliRun r = CliRun.in(dir, Map.of(), args);
        out = r.out();
        err = r.err();
        return r.status();
    }

    private void scaffoldWithLocalServer() throws Exception {
        assertThat(capstan("install", "--stages", "qa,production")).isZero();
        Files.writeString(dir.resolve("config/deploy/qa.groovy"), "server 'localhost', roles: ['app'], backend: 'local'\n");
        Files.writeString(dir.resolve("lib/capstan/tasks/hello.groovy"), """
                desc 'Say hello on every app server'
                task('hello') {
                    on(roles('app')) { host ->
                        execute 'echo', "hello from ${fetch('stage')}", '>', 'ignored'
                        info 'said hello on ' + host
                    }
                }
                task('touch') { on(roles('app')) { execute 'touch', '%s' } }
                task('fail') { on(roles('app')) { execute 'sh', '-c', 'echo broken >&2; exit 3' } }
                """.formatted(dir.resolve("touched")));
    }

    @Test
    void installScaffoldsAndSkipsExistingFiles() throws Exception {
        assertThat(capstan("install")).isZero();
        assertThat(out).contains("create config/deploy.groovy", "create config/deploy/staging.groovy",
                "create config/deploy/production.groovy", "create Capfile", "Capified");
        assertThat(dir.resolve("lib/capstan/tasks")).isDirectory();
        assertThat(capstan("install", "--stages", "qa,production")).isZero();
        assertThat(err).contains("[skip] config/deploy.groovy already exists", "[skip] config/deploy/production.groovy already exists");
        assertThat(dir.resolve("config/deploy/qa.groovy")).exists();
    }

    @Test
    void listsTasksAndRunsOneThroughTheCli() throws Exception {
        scaffoldWithLocalServer();
        assertThat(capstan("-T")).isZero();
        assertThat(out).contains("capstan deploy ", "# Deploy a new release.", "capstan hello", "# Say hello on every app server", "capstan install")
                .doesNotContain("capstan touch");
        assertThat(capstan("-T", "-A")).isZero();
        assertThat(out).contains("capstan touch");

        assertThat(capstan("qa", "hello")).isZero();
        assertThat(out).contains("00:00 hello", "01 echo hello\\ from\\ qa", "✔ 01 localhost", "said hello on localhost");
        assertThat(dir.resolve("log/capstan.log")).content().contains("START", "capstan qa hello", "Running /usr/bin/env echo");
    }

    @Test
    void exitCodesSayWhatWentWrong() throws Exception {
        scaffoldWithLocalServer();
        assertThat(capstan("qa", "fail")).isEqualTo(1);
        assertThat(out).contains("✘ 01 localhost", "broken");
        assertThat(err).contains("** Task fail failed on localhost", "** localhost: exit status 3, its last lines:\n     broken\n",
                "fail failed on localhost after ").doesNotContain("capstan aborted!");

        assertThat(capstan("qa", "helo")).isEqualTo(2);
        assertThat(err).contains("Don't know how to build task 'helo'", "Did you mean?  hello");

        assertThat(capstan("staging2", "hello")).isEqualTo(2);
        assertThat(err).contains("unknown stage 'staging2'", "stages: production, qa");

        assertThat(capstan("hello")).isEqualTo(2);
        assertThat(capstan("--no-such-flag")).isEqualTo(2);
        assertThat(err).contains("Unknown option");
        assertThat(capstan("--help")).isZero();
        assertThat(out).contains("Commands (besides tasks):", "STAGE exec [-- ]COMMAND...", "completion bash|zsh|fish", "--sequence");
        assertThat(capstan("--version")).isZero();
        assertThat(out).contains("Capstan Version: 0.2.0");
    }

    @Test
    void dryRunPrintsCommandsAndTouchesNothing() throws Exception {
        scaffoldWithLocalServer();
        assertThat(capstan("--dry-run", "--format", "pretty", "qa", "touch")).isZero();
        assertThat(out).contains("Running /usr/bin/env touch " + dir.resolve("touched"));
        assertThat(dir.resolve("touched")).doesNotExist();
        assertThat(capstan("qa", "touch")).isZero();
        assertThat(dir.resolve("touched")).exists();
    }

    @Test
    void hostFiltersNarrowOnBlocks() throws Exception {
        scaffoldWithLocalServer();
        assertThat(capstan("--hosts", "nomatch", "qa", "touch")).isEqualTo(2);
        assertThat(err).contains("no hosts match --hosts nomatch; stage qa has localhost");
        assertThat(dir.resolve("touched")).doesNotExist();
        assertThat(capstan("--roles", "app", "qa", "touch")).isZero();
        assertThat(dir.resolve("touched")).exists();
    }

    @Test
    void prerequisitesAndHooksAreShown() throws Exception {
        scaffoldWithLocalServer();
        assertThat(capstan("qa", "-P")).isZero();
        assertThat(out).contains("capstan deploy:updating\n    deploy:new_release_path", "capstan deploy:check\n    git:check",
                "capstan deploy:new_release_path\n    (after) git:create_release");
    }
}
