package dev.capstan.deploy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Cleanup never deletes a release a running process works in (its cwd), and says so; the others still go. */
@Timeout(60)
class CleanupInUseIT extends DeployTestBase {
    private Process process;

    @AfterEach
    void stop() {
        if (process != null) process.destroyForcibly();
    }

    @Test
    void aReleaseAProcessStillRunsInIsKept() throws Exception {
        try (DeployHarness h = harness()) {
            h.config.set("keep_releases", 1);
            h.run("deploy");
            String first = releases().get(0);
            process = new ProcessBuilder("sleep", "120").directory(deployTo.resolve("releases/" + first).toFile()).start();
            DeployHarness.commit(repo, Map.of("index.html", "v2\n"), "v2");
            h.run("deploy");
            DeployHarness.commit(repo, Map.of("index.html", "v3\n"), "v3");
            h.run("deploy");
            assertThat(releases()).hasSize(2).contains(first);
            assertThat(h.warnings).isEmpty();
            assertThat(h.events.toString()).contains("Kept release(s) still in use by a running process (its cwd, executable or an open file) on localhost: " + first);

            process.destroyForcibly().waitFor();
            DeployHarness.commit(repo, Map.of("index.html", "v4\n"), "v4");
            h.run("deploy");
            assertThat(releases()).hasSize(1).doesNotContain(first);
        }
    }
}
