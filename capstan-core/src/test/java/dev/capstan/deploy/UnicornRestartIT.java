package dev.capstan.deploy;

import dev.capstan.deploy.service.ServiceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real unicorn master serving a Rack app that reports its release, deployed and restarted by {@code use 'services'}:
 * a first start, a USR2 upgrade that must serve the new release under a new master pid, and a broken release whose new
 * workers never come up: the old master is kept (HUP), the new one QUIT, every host goes back to the previous release
 * and its unicorn is upgraded once more, onto it; then a rollback, restarted onto the release it goes back to.
 */
@Timeout(180)
class UnicornRestartIT extends DeployTestBase {
    private Path pidFile;

    @Override
    String[] plugins() { return new String[] {"deploy", "scm/git", "services"}; }

    @AfterEach
    void stopUnicorn() throws Exception {
        if (pidFile == null) return;
        for (Path p : List.of(pidFile, Path.of(pidFile + ".oldbin"))) {
            if (Files.exists(p)) ProcessHandle.of(Long.parseLong(Files.readString(p).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    static String app(String greeting) {
        return "run lambda { |env| [200, {'content-type' => 'text/plain'}, [\"" + greeting + " release=#{File.basename(Dir.pwd)}\\n\"]] }\n";
    }

    @Test
    void restartsVerifiedAndRollsBackWhenTheNewReleaseNeverAnswers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        DeployHarness.commit(repo, Map.of("config.ru", app("v1"), "config/unicorn.rb",
                "listen '127.0.0.1:" + port + "'\nworker_processes 1\npid 'tmp/pids/unicorn.pid'\nstderr_path 'log/unicorn.log'\ntimeout 10\n"), "v1");
        pidFile = deployTo.resolve("shared/tmp/pids/unicorn.pid");
        try (DeployHarness h = harness()) {
            h.config.set("linked_dirs", List.of("log", "tmp/pids"));
            h.config.set("rollback_on_failure", true);
            Map<String, Object> web = new LinkedHashMap<>(Map.of("name", "web", "role", "app", "type", "unicorn", "timeout", 20));
            h.config.append(ServiceSpec.SERVICES, web);
            h.config.append(ServiceSpec.HEALTH, new LinkedHashMap<>(Map.of("name", "web", "http", "http://127.0.0.1:" + port + "/",
                    "body", "v\\d release=", "release", true, "timeout", 10, "interval", 1)));

            h.run("deploy");
            String first = release(h);
            assertThat(get(port)).isEqualTo("v1 release=" + first);
            long master1 = pid();

            DeployHarness.commit(repo, Map.of("config.ru", app("v2")), "v2");
            h.run("deploy");
            String second = release(h);
            assertThat(second).isNotEqualTo(first);
            assertThat(get(port)).isEqualTo("v2 release=" + second);
            assertThat(pid()).isNotEqualTo(master1);
            assertThat(ProcessHandle.of(master1).map(ProcessHandle::isAlive).orElse(false)).as("old master quit").isFalse();
            long master2 = pid();

            DeployHarness.commit(repo, Map.of("config.ru", "raise 'broken at boot'\n"), "broken");
            assertThatThrownBy(() -> h.run("deploy"))
                    .hasMessageContaining("restart not verified on localhost")
                    .hasMessageContaining("every host is back on the previous release")
                    .hasMessageContaining("RELEASE")
                    .hasMessageContaining(second);
            assertThat(release(h)).isEqualTo(second);
            assertThat(get(port)).isEqualTo("v2 release=" + second);
            // the failed upgrade was undone (HUP old, QUIT new), then the rollback restarted it on the previous release
            assertThat(pid()).isNotEqualTo(master2);
            assertThat(ProcessHandle.of(pid()).map(ProcessHandle::isAlive)).contains(true);
            assertThat(Path.of(pidFile + ".oldbin")).doesNotExist();

            // a rollback switches, then service:restart (after deploy:published) upgrades unicorn onto that release
            long master3 = pid();
            h.run("deploy:rollback");
            assertThat(release(h)).isEqualTo(first);
            assertThat(get(port)).isEqualTo("v1 release=" + first);
            assertThat(pid()).isNotEqualTo(master3);
        }
    }

    private String release(DeployHarness h) throws Exception {
        return Files.readSymbolicLink(deployTo.resolve("current")).getFileName().toString();
    }

    private long pid() throws Exception {
        return Long.parseLong(Files.readString(pidFile).strip());
    }

    static String get(int port) throws Exception {
        HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body().strip();
    }
}
