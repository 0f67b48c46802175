package dev.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad {@code service} or {@code health} line stops the run before any host is touched, naming its file and line. */
class PreflightServicesIT {
    @TempDir Path dir;

    @Test
    void aBadServiceLineIsNamedBeforeConnecting() throws Exception {
        Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString());
        assertThat(CliRun.in(dir, env, "install", "--stages", "production").status()).isZero();
        Files.writeString(dir.resolve("Capfile"), "use 'deploy'\nuse 'scm/none'\nuse 'services'\n");
        Files.writeString(dir.resolve("config/deploy.groovy"), """
                set 'application', 'shop'
                set 'deploy_to', '%s'
                service 'worker', role: 'app', type: 'sidekiq', timeout: 25, stop_timeout: 10
                """.formatted(dir.resolve("srv")));
        Files.writeString(dir.resolve("config/deploy/production.groovy"), "server 'localhost', roles: ['app'], backend: 'local'\n");
        CliRun r = CliRun.in(dir, env, "production", "deploy");
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("no host was touched",
                "config/deploy.groovy:3: service 'worker': stop_timeout: must be at least timeout: + 5 (30), so sidekiq can push its jobs back before KILL");
        assertThat(dir.resolve("srv")).doesNotExist();
    }
}
