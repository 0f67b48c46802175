package dev.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real CLI with the command-line shapes Capistrano users type: NAME=value, HOSTS/ROLES, STAGES, -T -A pattern. */
@Timeout(120)
class CapistranoArgumentsIT {
    @TempDir Path dir;
    String out;
    String err;

    private int capstan(Map<String, String> env, String... args) {
        dev.capstan.cli.CliRun r = dev.capstan.cli.CliRun.in(dir, env, args);
        out = r.out();
        err = r.err();
        return r.status();
    }

    private void project() throws Exception {
        assertThat(capstan(Map.of(), "install", "--stages", "qa")).isZero();
        Files.writeString(dir.resolve("config/deploy/qa.groovy"), """
                server 'localhost', roles: ['app'], backend: 'local'
                server '127.0.0.13', roles: ['db'], backend: 'local'
                """);
        Files.writeString(dir.resolve("config/deploy.groovy"), """
                set 'branch', { env('BRANCH') ?: 'main' }
                set 'keep_releases', 3
                ask 'db_password', null, echo: false
                set 'command_map', [ls2: { 'echo listing' }]
                command_map.prefix['greet'].push('echo')
                """);
        Files.writeString(dir.resolve("lib/capstan/tasks/who.groovy"), """
                desc 'Who is here'
                task('who') { on(roles('all')) { host -> info "host ${host.hostname}" } }
                task('show') {
                    on(roles('app')) {
                        info "branch ${fetch('branch')} keep ${fetch('keep_releases')}"
                        execute 'echo', "pw ${fetch('db_password')}"
                        execute 'ls2'
                        execute 'greet', 'hi'
                    }
                }
                desc 'Web things'
                task('web_restart') { }
                """);
    }

    @Test
    void hostsAndRolesAssignmentsFilterLikeTheEnvironment() throws Exception {
        project();
        assertThat(capstan(Map.of(), "qa", "who", "HOSTS=127.0.0.13", "db_password=x")).isZero();
        assertThat(out).contains("host 127.0.0.13").doesNotContain("host localhost");
        assertThat(capstan(Map.of(), "qa", "who", "ROLES=app", "db_password=x")).isZero();
        assertThat(out).contains("host localhost").doesNotContain("host 127.0.0.13");
        assertThat(capstan(Map.of("HOSTS", "localhost"), "qa", "who", "db_password=x")).isZero();
        assertThat(out).contains("host localhost").doesNotContain("host 127.0.0.13");
    }

    @Test
    void assignmentsAreReadByEnvWinOverSetAndAnswerAskMasked() throws Exception {
        project();
        assertThat(capstan(Map.of("BRANCH", "v2"), "--format", "pretty", "qa", "show", "BRANCH=v1", "keep_releases=7", "db_password=s3cretpw")).isZero();
        assertThat(out).contains("branch v1 keep 7", "listing", "hi").doesNotContain("s3cretpw");
        assertThat(err).contains("capstan: keep_releases=7 from the command line overrides the set at config/deploy.groovy:2");
        String log = Files.readString(dir.resolve("log/capstan.log"));
        assertThat(log).contains("START", "capstan --format pretty qa show BRANCH=v1 keep_releases=7 db_password=[REDACTED]")
                .doesNotContain("s3cretpw");
        assertThat(capstan(Map.of("BRANCH", "v2", "DB_PASSWORD", "envpw"), "--format", "json", "qa", "show")).isZero();
        assertThat(out).contains("\"command\":\"capstan --format json qa show\"", "branch v2 keep 3").doesNotContain("envpw");
    }

    @Test
    void installTakesStagesLikeCapInstall() throws Exception {
        assertThat(capstan(Map.of(), "install", "STAGES=p,q")).isZero();
        assertThat(dir.resolve("config/deploy/p.groovy")).exists();
        assertThat(dir.resolve("config/deploy/q.groovy")).exists();
        assertThat(dir.resolve("config/deploy/staging.groovy")).doesNotExist();
        Path other = Files.createDirectories(dir.resolve("other"));
        assertThat(capstan(Map.of("STAGES", "x,y"), "-C", other.toString(), "install")).isZero();
        assertThat(other.resolve("config/deploy/x.groovy")).exists();
        assertThat(other.resolve("config/deploy/production.groovy")).doesNotExist();
    }

    @Test
    void tasksPatternAfterAll() throws Exception {
        project();
        assertThat(capstan(Map.of(), "-T", "-A", "web")).isZero();
        assertThat(out).contains("capstan web_restart").doesNotContain("capstan who", "capstan deploy ");
        assertThat(capstan(Map.of(), "-A", "-T", "who")).isZero();
        assertThat(out).contains("capstan who").doesNotContain("web_restart");
    }
}
