package dev.capstan.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code use 'scm/copy'}: a local build, packed once, pushed and unpacked into the release; a failing build touches no host. */
@Timeout(120)
class CopyDeployIT {
    @TempDir Path tmp;

    private DeployHarness harness(Path app, String build) {
        DeployHarness h = new DeployHarness("deploy", "scm/copy");
        h.localServer("localhost");
        h.config.set("application", "app");
        h.config.set("deploy_to", tmp.resolve("srv/app").toString());
        h.config.set("local_user", "alice");
        h.config.set("copy_dir", app.toString());
        h.config.set("copy_build", build);
        h.config.set("copy_exclude", List.of(".git", "*.log"));
        return h;
    }

    @Test
    void buildsLocallyPacksOnceAndDeploysTheResult() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("index.html"), "v1\n");
        Files.writeString(app.resolve("build.log"), "noise\n");
        try (DeployHarness h = harness(app, "mkdir -p dist && echo built > dist/app.jar")) {
            h.run("deploy");
        }
        Path current = tmp.resolve("srv/app/current");
        assertThat(current.resolve("index.html")).hasContent("v1");
        assertThat(current.resolve("dist/app.jar")).as("copy_build ran before packing").hasContent("built");
        assertThat(current.resolve("build.log")).as("copy_exclude").doesNotExist();
        assertThat(Files.readString(tmp.resolve("srv/app/revisions.log"))).contains("Artifact app.tgz (sha256 ");

        Thread.sleep(1100);
        try (DeployHarness h = harness(app, "exit 3")) {
            assertThatThrownBy(() -> h.run("deploy")).hasMessageContaining("exit");
            assertThat(h.commandSummaries()).as("no host command after the failed build").noneMatch(s -> s.contains("mkdir") || s.contains("lock"));
        }
        assertThat(current.resolve("index.html")).hasContent("v1");
    }
}
