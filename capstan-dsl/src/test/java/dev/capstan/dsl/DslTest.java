package dev.capstan.dsl;

import dev.capstan.config.ConfigException;
import dev.capstan.remote.Host;
import dev.capstan.task.TaskException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every DSL word, loaded from real files and run through the task engine on the local shell. */
class DslTest {
    @TempDir Path dir;

    @Test
    void variablesLazyValuesAndOnce() throws Exception {
        DslFixture f = new DslFixture(dir).write("config/deploy.groovy", """
                set 'application', 'shop'
                set 'counter', 0
                set 'lazy', { fetch('counter') + 1 }
                set 'memo', once { set('counter', fetch('counter') + 10); 'computed' }
                set_if_empty 'application', 'other'
                set_if_empty 'branch', 'main'
                append 'linked_dirs', 'log', 'tmp'
                append 'linked_dirs', 'public'
                remove 'linked_dirs', 'tmp'
                ask 'db_password', 'fallback', echo: false
                secret 'api_token'
                set 'api_token', 'tok-123'
                set 'with_default', fetch('missing', 'dflt')
                set 'with_closure_default', fetch('missing') { 'from closure' }
                """);
        var c = f.load("test").config();
        assertThat(c.fetch("application")).isEqualTo("shop");
        assertThat(c.fetch("lazy")).isEqualTo(1);
        c.set("counter", 5);
        assertThat(c.fetch("lazy")).as("evaluated at each fetch").isEqualTo(6);
        assertThat(c.fetch("memo")).isEqualTo("computed");
        assertThat(c.fetch("memo")).isEqualTo("computed");
        assertThat(c.fetch("counter")).as("once ran its body one time").isEqualTo(15);
        assertThat(c.fetch("branch")).isEqualTo("main");
        assertThat(c.fetchList("linked_dirs")).containsExactly("log", "public");
        assertThat(c.fetch("db_password")).as("no terminal: the default").isEqualTo("fallback");
        assertThat(c.secretValues()).contains("fallback", "tok-123");
        assertThat(c.fetch("with_default")).isEqualTo("dflt");
        assertThat(c.fetch("with_closure_default")).isEqualTo("from closure");
        assertThat(c.fetch("stage")).isEqualTo("test");
    }

    @Test
    void askWithoutTerminalOrDefaultNamesTheVariable() throws Exception {
        DslFixture f = new DslFixture(dir).write("config/deploy.groovy", "ask 'branch'\n");
        var c = f.load("test").config();
        assertThatThrownBy(() -> c.fetch("branch")).hasMessageContaining("variable 'branch' is asked for");
    }

    @Test
    void serversAndRolesMergeLikeCapistrano() throws Exception {
        DslFixture f = new DslFixture(dir).write("config/deploy/prod.groovy", """
                server 'a.example.com', roles: ['web'], user: 'u1', tags: ['x'], opts: [a: 1], scalar: 1
                role 'app', ['a.example.com'], tags: ['y'], opts: [b: 2], scalar: 2
                server 'u2@a.example.com', roles: ['db']
                server 'b.example.com:2222', roles: ['app'], primary: true, no_release: true
                server 'c.example.com', roles: ['app'], active: true
                """);
        var servers = f.load("prod").config().servers();
        Host a = servers.all().get(0).toHost();
        assertThat(servers.all()).hasSize(3);
        assertThat(a.getUser()).isEqualTo("u2");
        assertThat(a.getRoles()).containsExactly("web", "app", "db");
        assertThat(a.getProperties()).containsEntry("tags", List.of("x", "y")).containsEntry("scalar", 2);
        assertThat(a.fetch("opts")).isEqualTo(java.util.Map.of("a", 1, "b", 2));
        assertThat(servers.roles(List.of("app"), java.util.Map.of()).stream().map(Host::getHostname))
                .containsExactly("a.example.com", "b.example.com", "c.example.com");
        assertThat(servers.roles(List.of("app"), java.util.Map.of("filter", "active")).stream().map(Host::getHostname)).containsExactly("c.example.com");
        assertThat(servers.releaseRoles(List.of("all")).stream().map(Host::getHostname)).doesNotContain("b.example.com");
        assertThat(servers.primary("app").getHostname()).isEqualTo("b.example.com");
        assertThat(servers.primary("app").getPort()).isEqualTo(2222);
    }

    @Test
    void tasksNamespacesHooksAndInvokeRules() throws Exception {
        DslFixture f = new DslFixture(dir).write("lib/capstan/tasks/t.groovy", """
                namespace('app') {
                    desc 'First'
                    task('one') { info 'one' }
                    task('two', deps: ['one']) { info 'two'; invoke 'app:one'; invoke_again 'app:one' }
                    before 'two', 'app:pre'
                    task('pre') { info 'pre' }
                }
                task('app:one') { info 'one again (additive)' }
                after 'app:two', 'post', { info 'post' }
                """);
        f.run("test", "app:two");
        assertThat(f.logged()).containsExactly("one", "one again (additive)", "pre", "two", "one", "one again (additive)", "post");
        assertThat(f.warnings).anyMatch(w -> w.contains("Skipping task `app:one'"));
        var task = f.load("test").tasks().require("app:one");
        assertThat(task.description()).isEqualTo("First");
        assertThat(task.locations().get(0)).isEqualTo("lib/capstan/tasks/t.groovy:3");
    }

    @Test
    void onBlocksRunTheRemoteDsl() throws Exception {
        Path out = dir.resolve("out dir");
        Files.createDirectories(out);
        DslFixture f = new DslFixture(dir).write("lib/capstan/tasks/t.groovy", """
                task('work') {
                    on(roles('app'), in: 'sequence', wait: 0) { host ->
                        within('%s') {
                            with(greeting: 'hello') {
                                execute 'sh', '-c', 'echo "$GREETING from $(pwd)" > result.txt'
                            }
                        }
                        info "read: " + capture('cat', '%s/result.txt') + " on " + host.hostname
                        if (test('[ -d /nonexistent ]')) error 'impossible'
                    }
                    run_locally { info "local " + capture('echo', fetch('stage')) }
                }
                """.formatted(out, out));
        f.run("test", "work");
        assertThat(Files.readString(out.resolve("result.txt"))).isEqualTo("hello from " + out + "\n");
        assertThat(f.logged()).containsExactly("read: hello from " + out + " on localhost", "local test");
    }

    @Test
    void mistakesAreReportedWithFileAndLine() throws Exception {
        DslFixture f = new DslFixture(dir).write("config/deploy.groovy", "set 'a', 1\nsever 'web1', roles: ['app']\n");
        assertThatThrownBy(() -> f.load("test")).isInstanceOf(DslException.class)
                .hasMessageStartingWith("config/deploy.groovy:2: unknown DSL word 'sever'");

        f.write("config/deploy.groovy", "set 'a', {\n");
        assertThatThrownBy(() -> f.load("test")).isInstanceOf(DslException.class).hasMessageStartingWith("config/deploy.groovy:");

        f.write("config/deploy.groovy", "").write("lib/capstan/tasks/bad.groovy", "task('x') {\n  on(roles('app')) {\n    exceute 'ls'\n  }\n}\n");
        assertThatThrownBy(() -> f.run("test", "x")).hasMessageContaining("lib/capstan/tasks/bad.groovy:3: unknown DSL word 'exceute'");

        f.write("lib/capstan/tasks/bad.groovy", "task('y') { execute 'ls' }\n");
        assertThatThrownBy(() -> f.run("test", "y")).hasMessageContaining("should be wrapped in an `on' block");
    }

    @Test
    void stagesAreCheckedAndListed() throws Exception {
        DslFixture f = new DslFixture(dir).write("config/deploy/production.groovy", "");
        assertThatThrownBy(() -> f.load("prod")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown stage 'prod'").hasMessageContaining("stages: production, test");
        f.write("config/deploy/deploy.groovy", "");
        assertThatThrownBy(() -> f.load("test")).hasMessageContaining("\"deploy\" is a reserved word and cannot be used as a stage");
    }

    @Test
    void unknownPluginsAndTasksSuggestAlternatives() throws Exception {
        DslFixture f = new DslFixture(dir).write("Capfile", "use 'deploy'\nuse 'scm/gti'\n");
        assertThatThrownBy(() -> f.load("test")).hasMessageContaining("Capfile:2: unknown plugin 'scm/gti'").hasMessageContaining("scm/git");
        f.write("Capfile", "use 'deploy'\n");
        var tasks = f.load("test").tasks();
        assertThatThrownBy(() -> tasks.require("deploy:rollbak")).isInstanceOf(TaskException.class).hasMessageContaining("Did you mean?  deploy:rollback");
    }

    @Test
    void compiledScriptsAreCachedAndKeepTheirLineNumbers() throws Exception {
        DslFixture f = new DslFixture(dir).write("lib/capstan/tasks/t.groovy", "task('boom') {\n  on(roles('app')) {\n    nope()\n  }\n}\n");
        f.load("test");
        long entries;
        try (var s = Files.list(f.cache)) { entries = s.filter(p -> Files.exists(p.resolve("complete"))).count(); }
        assertThat(entries).isEqualTo(3);
        // a second load uses the cache (no new entries) and errors still point at the file and line
        assertThatThrownBy(() -> f.run("test", "boom")).hasMessageContaining("lib/capstan/tasks/t.groovy:3: unknown DSL word 'nope'");
        try (var s = Files.list(f.cache)) { assertThat(s.filter(p -> Files.exists(p.resolve("complete"))).count()).isEqualTo(entries); }
    }
}
