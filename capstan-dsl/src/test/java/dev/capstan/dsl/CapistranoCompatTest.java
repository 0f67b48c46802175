package dev.capstan.dsl;

import dev.capstan.config.Prompter;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.Host;
import dev.capstan.remote.RemoteSettings;
import dev.capstan.remote.backend.local.LocalBackend;
import dev.capstan.task.TaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shapes real Capistrano projects use, loaded from files: ENV and NAME=value, servers, roles, command_map, transfers. */
@SuppressWarnings("unchecked")
class CapistranoCompatTest {
    @TempDir Path dir;
    final List<String> notices = new ArrayList<>();

    private Project load(DslFixture f, String stage, Map<String, String> args, Map<String, String> environment) {
        return new ProjectLoader(f.cache, Prompter.NONE).load(f.root, stage, new CommandLineEnv(args, environment, notices::add));
    }

    @Test
    void commandLineAssignmentsAreEnvAndWinOverTheFiles() throws Exception {
        DslFixture f = new DslFixture(dir).write("config/deploy.groovy", """
                set 'branch', { env('BRANCH') ?: 'main' }
                set 'from_process', env('HOME_TOWN', 'nowhere')
                set 'keep_releases', 3
                """);
        var c = load(f, "test", Map.of("BRANCH", "v1", "keep_releases", "7"), Map.of("BRANCH", "v2", "HOME_TOWN", "Oslo")).config();
        assertThat(c.fetch("branch")).as("the argument before the process environment").isEqualTo("v1");
        assertThat(c.fetch("from_process")).isEqualTo("Oslo");
        assertThat(c.fetchInt("keep_releases", 5)).as("the command line wins over set").isEqualTo(7);
        assertThat(notices).containsExactly("keep_releases=7 from the command line overrides the set at config/deploy.groovy:3");
        var plain = load(f, "test", Map.of(), Map.of("BRANCH", "v2")).config();
        assertThat(plain.fetch("branch")).isEqualTo("v2");
        assertThat(plain.fetchInt("keep_releases", 5)).isEqualTo(3);
    }

    @Test
    void assignmentsAndTheEnvironmentAnswerAsk() throws Exception {
        DslFixture f = new DslFixture(dir).write("config/deploy.groovy", """
                ask 'db_password', null, echo: false
                ask 'branch', 'main'
                ask 'api_token', null, echo: false
                """);
        var c = load(f, "test", Map.of("db_password", "s3cret"), Map.of("BRANCH", "feature", "API_TOKEN", "tok-9")).config();
        assertThat(c.fetch("db_password")).isEqualTo("s3cret");
        assertThat(c.fetch("branch")).as("env fallback, upper-cased name").isEqualTo("feature");
        assertThat(c.fetch("api_token")).isEqualTo("tok-9");
        assertThat(c.secretValues()).as("masked: echo false").contains("s3cret", "tok-9").doesNotContain("feature");
        assertThat(notices).isEmpty();
    }

    @Test
    void portPropertyAndFlattenedRoleLists() throws Exception {
        DslFixture f = new DslFixture(dir).write("config/deploy/prod.groovy", """
                server 'web1.example.com', port: 2222, user: 'deploy', roles: ['web']
                server 'deploy@db.example.com:22', port: 2200, roles: ['db']
                server 'worker.example.com', roles: ['worker']
                set 'picked', roles(['worker', 'db'])
                set 'released', release_roles(['web'])
                """);
        var c = load(f, "prod", Map.of(), Map.of()).config();
        Host web = c.servers().all().get(0).toHost();
        assertThat(web.getPort()).isEqualTo(2222);
        assertThat(c.servers().all().get(1).toHost().getPort()).as("the property wins over the host string").isEqualTo(2200);
        @SuppressWarnings("unchecked") List<Host> picked = (List<Host>) c.fetch("picked");
        assertThat(picked).extracting(Host::getHostname).containsExactly("db.example.com", "worker.example.com");
        f.write("config/deploy/bad.groovy", "server 'x.example.com', port: 'ssh'\n");
        assertThatThrownBy(() -> load(f, "bad", Map.of(), Map.of())).hasMessageContaining("config/deploy/bad.groovy:1")
                .hasMessageContaining("port must be a whole number");
    }

    @Test
    void commandMapClosuresAndPrefixes() throws Exception {
        DslFixture f = new DslFixture(dir).write("config/deploy.groovy", """
                set 'command_map', [ls2: { 'ls -1' }, rails: { name -> "bundle exec ${name}" }, git: '/usr/bin/git']
                command_map['rspec'] = 'bin/rspec'
                command_map.prefix['rake'].push('bundle exec')
                command_map.prefix['rake'].unshift('nice')
                """);
        var c = load(f, "test", Map.of(), Map.of()).config();
        Map<?, ?> map = (Map<?, ?>) c.fetch("command_map");
        assertThat(((Function<String, String>) (Object) map.get("ls2")).apply("ls2")).isEqualTo("ls -1");
        assertThat(((Function<String, String>) (Object) map.get("rails")).apply("rails")).isEqualTo("bundle exec rails");
        assertThat(map.get("git")).isEqualTo("/usr/bin/git");
        assertThat(map.get("rspec")).isEqualTo("bin/rspec");
        assertThat(((Map<?, ?>) c.fetch("command_map_prefix")).get("rake")).isEqualTo(List.of("nice", "bundle exec"));
        f.write("config/deploy.groovy", "set 'command_map', [rake: ['bundle', 'exec']]\n");
        assertThatThrownBy(() -> load(f, "test", Map.of(), Map.of())).hasMessageContaining("config/deploy.groovy:1")
                .hasMessageContaining("command_map['rake'] must be a string or a closure");
    }

    @Test
    void transfersWithStringPathsAndDirectories() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/conf"));
        Files.writeString(src.resolve("app.yml"), "a: 1\n");
        Path out = dir.resolve("out");
        DslFixture f = new DslFixture(dir).write("lib/capstan/tasks/t.groovy", """
                task('push') {
                    on(roles('app')) {
                        upload '%1$s/src', '%1$s/out', recursive: true
                        download '%1$s/out/conf/app.yml', '%1$s/back.yml'
                        execute 'sleep', '3', timeout: 1, raise_on_non_zero_exit: false
                        info 'went on'
                    }
                }
                """.formatted(dir));
        Project p = load(f, "test", Map.of(), Map.of());
        try (Coordinator co = new Coordinator(h -> new LocalBackend(), RemoteSettings.defaults(), f.events::add)) {
            new TaskRunner(p.tasks(), p.config(), co, t -> {}, f.warnings::add).runAll(List.of("push"));
        }
        assertThat(out.resolve("conf/app.yml")).hasContent("a: 1");
        assertThat(dir.resolve("back.yml")).hasContent("a: 1");
        assertThat(f.logged()).contains("went on");
    }

    @Test
    void pathWordsAndHooksOnTasksDefinedLater() throws Exception {
        DslFixture f = new DslFixture(dir).write("Capfile", "use 'deploy'\nuse 'scm/git'\n").write("config/deploy.groovy", """
                set 'deploy_to', '/srv/app'
                set 'paths', { [deploy_to, current_path, releases_path, shared_path, repo_path, release_path].join(' ') }
                namespace('deploy') {
                    before 'starting', 'check_branch'
                    after 'publishing', 'restart_app'
                    task('restart_app') { }
                }
                task('check_branch') { }
                """);
        Project p = load(f, "test", Map.of(), Map.of());
        assertThat(p.config().fetch("paths")).isEqualTo("/srv/app /srv/app/current /srv/app/releases /srv/app/shared /srv/app/repo /srv/app/current");
        assertThat(p.tasks().require("deploy:starting").prerequisites()).as("Rake looks the hook up when it runs: the top-level task").contains("check_branch");
        assertThat(p.tasks().require("deploy:publishing").afterHooks()).as("in the namespace when it exists there").contains("deploy:restart_app");
    }
}
