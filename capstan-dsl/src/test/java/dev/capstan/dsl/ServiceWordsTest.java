package dev.capstan.dsl;

import dev.capstan.deploy.service.ServiceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code service} and {@code health} in a deploy file: a real process started, shown, and stopped through its tasks. */
@Timeout(60)
class ServiceWordsTest {
    @TempDir Path tmp;
    private Path pid;

    @AfterEach
    void stop() throws Exception {
        if (pid != null && Files.exists(pid)) ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void aCommandServiceStartsShowsAndStops() throws Exception {
        Path deployTo = tmp.resolve("srv");
        Files.createDirectories(deployTo.resolve("releases/20260101000000"));
        Files.createSymbolicLink(deployTo.resolve("current"), deployTo.resolve("releases/20260101000000"));
        pid = deployTo.resolve("current/jobs.pid");
        DslFixture f = new DslFixture(tmp.resolve("project"));
        f.write("Capfile", "use 'deploy'\nuse 'services'\n");
        f.write("config/deploy.groovy", "set 'application', 'shop'\nset 'deploy_to', '" + deployTo + "'\n"
                + "service 'jobs', role: 'app', type: 'command', pid: 'jobs.pid',\n"
                + "  start: 'setsid nohup sleep 300 >/dev/null 2>&1 < /dev/null & echo $! > jobs.pid', stop: 'kill $(cat jobs.pid) && rm jobs.pid'\n"
                + "health 'jobs', command: 'test -s jobs.pid', timeout: 5, interval: 1\n");
        var p = f.run("test", "service:jobs:start", "service:status");
        assertThat(p.tasks().find("service:jobs:restart")).isPresent();
        long running = Long.parseLong(Files.readString(pid).strip());
        assertThat(ProcessHandle.of(running).map(ProcessHandle::isAlive)).contains(true);
        assertThat(String.join("\n", f.logged())).containsPattern("HOST +RELEASE +JOBS\\n +localhost +20260101000000 +running " + running + " \\(20260101000000\\)");
        ServiceSpec spec = ServiceSpec.all(p.config()).get(0);
        assertThat(spec.health().describe()).isEqualTo("`test -s jobs.pid` to succeed (up to 5s)");

        f.run("test", "service:jobs:stop");
        assertThat(pid).doesNotExist();
        assertThat(ProcessHandle.of(running).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void groupsRunInOrderWithTheHooksAroundEachAndAFailureStopsTheRollout() throws Exception {
        Path deployTo = tmp.resolve("srv");
        Files.createDirectories(deployTo.resolve("releases/20260101000000"));
        Files.createSymbolicLink(deployTo.resolve("current"), deployTo.resolve("releases/20260101000000"));
        DslFixture f = new DslFixture(tmp.resolve("project"));
        f.write("Capfile", "use 'deploy'\nuse 'services'\n");
        f.write("config/deploy/test.groovy", "['h1', 'h2', 'h3', 'h4', 'h5'].each { server it, roles: ['app'], backend: 'local' }\n");
        f.write("config/deploy.groovy", "set 'application', 'shop'\nset 'deploy_to', '" + deployTo + "'\n"
                + "set 'restart_in', 'groups'\nset 'restart_limit', '40%'\nset 'restart_canary', 1\n"
                + "service 'jobs', type: 'command', start: 'true', stop: 'true', restart: 'echo restarted >> restarts.log'\n"
                + "task('service:before_restart') { append 'groups', fetch('restart_hosts').join(',') }\n"
                + "task('service:after_restart') { append 'verified', fetch('restart_hosts').join(',') }\n");
        var p = f.run("test", "service:restart");
        assertThat(p.config().fetchList("groups")).containsExactly("h1", "h2,h3", "h4,h5");
        assertThat(p.config().fetchList("verified")).containsExactly("h1", "h2,h3", "h4,h5");
        assertThat(Files.readAllLines(deployTo.resolve("current/restarts.log"))).hasSize(5);

        // the second group's check fails: the third group is never restarted, and the error says so
        Files.delete(deployTo.resolve("current/restarts.log"));
        f.write("config/deploy.groovy", Files.readString(f.root.resolve("config/deploy.groovy"))
                + "health 'jobs', command: 'test $(wc -l < restarts.log) -lt 2', timeout: 1, interval: 1\n");
        assertThatThrownBy(() -> f.run("test", "service:restart"))
                .hasMessageContaining("restart not verified on")
                .hasMessageContaining("the rollout stopped: 1 group(s) not restarted")
                .hasMessageContaining("HOST  RELEASE         JOBS");
        assertThat(Files.readAllLines(deployTo.resolve("current/restarts.log"))).as("h4 and h5 never restarted").hasSize(3);
    }

    @Test
    void aBadServiceIsNamedWithItsLine() throws Exception {
        DslFixture f = new DslFixture(tmp.resolve("project"));
        f.write("Capfile", "use 'deploy'\nuse 'services'\n");
        f.write("config/deploy.groovy", "set 'application', 'shop'\nservice 'web', type: 'unicron'\n");
        assertThatThrownBy(() -> f.run("test", "service:status"))
                .hasMessageContaining("config/deploy.groovy:2: service 'web': unknown type 'unicron'");
    }
}
