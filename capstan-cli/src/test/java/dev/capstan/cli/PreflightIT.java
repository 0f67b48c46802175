package dev.capstan.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mistakes found before any host is touched, through the real CLI entry point: each message's text and exit
 * status 2, and that nothing ran. The "server" is this machine through the local backend; the sentinel task
 * {@code touch} would leave a file if anything ran.
 */
class PreflightIT {
    @TempDir Path dir;
    String out;
    String err;

    private int capstan(String... args) {
        CliRun r = CliRun.in(dir, Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()), args);
        out = r.out();
        err = r.err();
        return r.status();
    }

    @BeforeEach
    void project() throws Exception {
        assertThat(capstan("install", "--stages", "production")).isZero();
        Files.writeString(dir.resolve("config/deploy.groovy"), """
                set 'application', 'shop'
                set 'repo_url', '%s'
                set 'deploy_to', '%s'
                """.formatted(dir.resolve("repo.git"), dir.resolve("srv")));
        Files.writeString(dir.resolve("config/deploy/production.groovy"), """
                server 'localhost', roles: ['app', 'web'], backend: 'local'
                server 'web2', roles: ['web']
                server 'db1', roles: ['db']
                """);
        Files.writeString(dir.resolve("lib/capstan/tasks/touch.groovy"),
                "task('touch') { on(roles('app')) { execute 'touch', '%s' } }\n".formatted(dir.resolve("touched")));
    }

    private void append(String file, String text) throws Exception {
        Files.writeString(dir.resolve(file), text, java.nio.file.StandardOpenOption.APPEND);
    }

    private void assertNothingRan() {
        assertThat(dir.resolve("touched")).doesNotExist();
        assertThat(dir.resolve("srv")).doesNotExist();
        assertThat(err).doesNotContain("\tat ", "Exception");
    }

    @Test
    void everyProblemIsListedAtOnceWithExitStatus2() throws Exception {
        append("config/deploy.groovy", """
                set 'keep_releases', 'abc'
                set 'symlinks', 'relativ'
                set 'repo_url', ''
                """);
        assertThat(capstan("production", "deploy", "--hosts", "nosuch", "--format", "jsn", "--log-level", "dbug")).isEqualTo(2);
        assertThat(err).contains("capstan: 6 problems found before connecting; no host was touched:",
                "  - --format 'jsn' is not one of concise, pretty, dot, json, grouped (did you mean 'json'?)",
                "  - --log-level 'dbug' is not one of trace, debug, info, warn, error, fatal (did you mean 'debug'?)",
                "  - variable 'keep_releases' must be a whole number, not 'abc'",
                "  - variable 'symlinks' must be one of absolute, relative, not 'relativ' (did you mean 'relative'?)",
                "  - variable 'repo_url' is not set, and scm/git needs it: add  set 'repo_url', '...'  to config/deploy.groovy",
                "  - no hosts match --hosts nosuch; stage production has localhost, web2, db1");
        assertNothingRan();
    }

    @Test
    void keepReleasesMustBeAWholeNumberOfAtLeastOne() throws Exception {
        for (String bad : new String[] {"'abc'", "0", "-1"}) {
            Files.writeString(dir.resolve("config/deploy/production.groovy"),
                    "server 'localhost', roles: ['app'], backend: 'local'\nset 'keep_releases', " + bad + "\n");
            assertThat(capstan("production", "deploy")).as(bad).isEqualTo(2);
            String shown = bad.equals("'abc'") ? "must be a whole number, not 'abc'" : "must be at least 1, not " + bad;
            assertThat(err).contains("variable 'keep_releases' " + shown);
            assertNothingRan();
        }
        Files.writeString(dir.resolve("config/deploy/production.groovy"), "server 'localhost', roles: ['app'], backend: 'local'\n");
        assertThat(capstan("production", "touch", "keep_releases=0")).isEqualTo(2);
        assertThat(err).contains("variable 'keep_releases' must be at least 1, not 0");
    }

    @Test
    void anUnknownVariableIsAWarningWithTheNearestNameAndAnErrorWithStrict() throws Exception {
        append("config/deploy.groovy", "set 'keep_relases', 3\n");
        assertThat(capstan("production", "touch", "--hosts", "localhost")).isZero();
        assertThat(err).contains("capstan: warning: variable 'keep_relases' is set but nothing declares it (did you mean 'keep_releases'?)");
        assertThat(dir.resolve("touched")).exists();
        Files.delete(dir.resolve("touched"));

        assertThat(capstan("--strict", "production", "touch", "--hosts", "localhost")).isEqualTo(2);
        assertThat(err).contains("capstan: 1 problem found before connecting", "  - variable 'keep_relases' is set but nothing declares it");
        assertNothingRan();
    }

    @Test
    void aVariableOfAPluginNotInUseSaysWhichPluginReadsIt() throws Exception {
        append("config/deploy.groovy", "set 'svn_username', 'bob'\n");
        assertThat(capstan("--strict", "production", "touch")).isEqualTo(2);
        assertThat(err).contains("variable 'svn_username' is set but only scm/svn reads it, and this project does not use it (add  use 'scm/svn'  to the Capfile?)");
    }

    @Test
    void aProjectDeclaresItsOwnVariables() throws Exception {
        append("config/deploy.groovy", "variable 'smtp_host', 'Where mail goes'\nset 'smtp_host', 'mail'\n"
                + "variable 'retries', 'How often', type: 'integer', min: 1\nset 'retries', 'many'\n");
        assertThat(capstan("--strict", "production", "touch")).isEqualTo(2);
        assertThat(err).contains("  - variable 'retries' must be a whole number, not 'many'").doesNotContain("smtp_host");
    }

    @Test
    void aStageAloneOnlyChecksTheConfiguration() throws Exception {
        assertThat(capstan("production")).isZero();
        assertThat(out).isEqualTo("stage production: configuration checked, 3 servers\n");
        append("config/deploy.groovy", "set 'keep_releases', 0\n");
        assertThat(capstan("production")).isEqualTo(2);
        assertThat(err).contains("variable 'keep_releases' must be at least 1, not 0");
    }

    @Test
    void aStageWithoutServersCannotBeDeployed() throws Exception {
        Files.writeString(dir.resolve("config/deploy/production.groovy"), "// no servers yet\n");
        assertThat(capstan("production", "deploy")).isEqualTo(2);
        assertThat(err).contains("stage 'production' has no servers: add e.g.  server 'web1.example.com'");
        assertNothingRan();
    }

    @Test
    void aStageTypoGetsDidYouMean() {
        assertThat(capstan("prodution", "deploy")).isEqualTo(2);
        assertThat(err).contains("unknown stage 'prodution' (no config/deploy/prodution.groovy); stages: production (did you mean 'production'?)");
    }

    @Test
    void aDslWordTypoGetsDidYouMeanWithFileAndLine() throws Exception {
        append("config/deploy.groovy", "sett 'branch', 'main'\n");
        assertThat(capstan("production", "deploy")).isEqualTo(2);
        assertThat(err).contains("config/deploy.groovy:4: unknown DSL word 'sett' (args: String, String) (did you mean 'set'?)");
        assertNothingRan();
    }

    @Test
    void aSyntaxErrorShowsFileLineColumnAndTheLine() throws Exception {
        append("config/deploy.groovy", "set 'linked_dirs', ['log' 'tmp']\n");
        assertThat(capstan("production", "deploy")).isEqualTo(2);
        assertThat(err).containsPattern("config/deploy\\.groovy:4:\\d+: ")
                .contains("    set 'linked_dirs', ['log' 'tmp']\n", "^");
        assertNothingRan();
    }

    @Test
    void aRuntimeErrorInsideATaskNamesItsFileAndLine() throws Exception {
        Files.writeString(dir.resolve("lib/capstan/tasks/broken.groovy"), """
                task('npe') {
                    def build = null
                    on(roles('app')) { info build.number }
                }
                task('missing') {
                    info undefined_thing
                }
                """);
        assertThat(capstan("production", "npe", "--hosts", "localhost")).isNotZero();
        assertThat(err).contains("lib/capstan/tasks/broken.groovy:3: Cannot get property 'number' on null object");
        assertThat(capstan("production", "missing", "--hosts", "localhost")).isNotZero();
        assertThat(err).contains("lib/capstan/tasks/broken.groovy:6: unknown name 'undefined_thing'");
    }
}
