package dev.capstan.deploy;

import dev.capstan.deploy.service.ServiceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A real puma in cluster mode: the phased restart (USR1) counts only when the health check sees the new release. */
@Timeout(180)
class PumaRestartIT extends DeployTestBase {
    private Path pidFile;

    @Override
    String[] plugins() { return new String[] {"deploy", "scm/git", "services"}; }

    @AfterEach
    void stop() throws Exception {
        if (pidFile != null && Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        }
    }

    @Test
    void aPhasedRestartServesTheNewReleaseUnderTheSameMaster() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        DeployHarness.commit(repo, Map.of("config.ru", UnicornRestartIT.app("v1"), "config/puma.rb",
                "directory '" + deployTo.resolve("current") + "'\nworkers 1\nthreads 1, 1\nbind 'tcp://127.0.0.1:" + port + "'\n"), "v1");
        pidFile = deployTo.resolve("shared/tmp/pids/puma.pid");
        try (DeployHarness h = harness()) {
            h.config.set("linked_dirs", List.of("log", "tmp/pids"));
            h.config.append(ServiceSpec.SERVICES, new LinkedHashMap<>(Map.of("name", "puma", "role", "app", "type", "puma", "phased", true)));
            h.config.append(ServiceSpec.HEALTH, new LinkedHashMap<>(Map.of("name", "puma", "http", "http://127.0.0.1:" + port + "/",
                    "release", true, "timeout", 30, "interval", 1)));
            h.run("deploy");
            String first = Files.readSymbolicLink(deployTo.resolve("current")).getFileName().toString();
            assertThat(UnicornRestartIT.get(port)).isEqualTo("v1 release=" + first);
            long master = Long.parseLong(Files.readString(pidFile).strip());

            DeployHarness.commit(repo, Map.of("config.ru", UnicornRestartIT.app("v2")), "v2");
            h.run("deploy");
            String second = Files.readSymbolicLink(deployTo.resolve("current")).getFileName().toString();
            assertThat(UnicornRestartIT.get(port)).isEqualTo("v2 release=" + second);
            assertThat(Long.parseLong(Files.readString(pidFile).strip())).as("a phased restart keeps the master").isEqualTo(master);
            List<String> lines = h.events.stream().filter(e -> e instanceof dev.capstan.remote.event.Event.CommandOutput)
                    .map(e -> ((dev.capstan.remote.event.Event.CommandOutput) e).line()).toList();
            assertThat(lines).contains("USR1 (phased restart) to puma " + master).noneMatch(l -> l.contains("hot restart instead"));
        }
    }
}
