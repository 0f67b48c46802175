package dev.capstan.deploy;

import dev.capstan.remote.backend.recording.RecordingBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command and upload an artifact deploy sends to each host, pinned in golden files beside the git deploy's
 * ({@code golden/artifact-*.txt}): a real run of the recipes against the recording backend. Nobody hooked in between,
 * a download costs what a git deploy costs (5 commands per host); a push one more command and the upload; a user's
 * hook after artifact:create_release splits the command there, and REVISION is still written.
 */
class ArtifactFlowGoldenTest {
    private static final String DIGEST = "9f2c0a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f";
    @TempDir Path tmp;

    @Test
    void aDownloadIsFiveCommandsPerHostLikeGit() {
        String out = run(h -> {
            h.config.set("artifact_url", "http://127.0.0.1:9/builds/shop-1.4.2.tgz");
            h.config.set("artifact_sha256", DIGEST);
            h.config.set("linked_files", List.of("config/database.yml"));
            h.config.set("linked_dirs", List.of("log"));
        }, new RecordingBackend().answer("curl", 0, "downloaded\n"));
        assertThat(out).contains("### web1: 5 commands\n", "### web2: 5 commands\n");
        FlowGoldenTest.assertGoldenFile("artifact-download.txt", out);
    }

    @Test
    void aPushIsOneCommandMoreAndTheUpload() throws Exception {
        Path tgz = Files.write(tmp.resolve("shop-1.4.2.tgz"), "bytes of a tarball".getBytes());
        String out = run(h -> {
            h.config.set("artifact_url", tgz.toString());
            h.config.set("artifact_version", "1.4.2");
        }, new RecordingBackend().answer("echo upload\\\\ needed", 0, "upload needed\n").answer("mv -f", 0, "uploaded\n"));
        assertThat(out).contains("### web1: 6 commands (1 upload)\n");
        FlowGoldenTest.assertGoldenFile("artifact-push.txt", out);
    }

    @Test
    void aHookAfterCreateReleaseRunsInBetweenAndRevisionIsStillWritten() {
        String out = run(h -> {
            h.config.set("artifact_url", "http://127.0.0.1:9/builds/shop-1.4.2.tgz");
            h.config.set("artifact_sha256", DIGEST);
            h.tasks.define("notify", null, ctx -> ctx.on(Hosts.release(ctx), r -> r.execute("echo hooked")));
            h.tasks.after("artifact:create_release", "notify", null);
        }, new RecordingBackend().answer("curl", 0, "downloaded\n"));
        String web1 = out.substring(0, out.indexOf("### web2"));
        assertThat(web1).contains("### web1: 7 commands\n");
        assertThat(web1.indexOf("echo hooked")).as("the hook runs after the release is made and before REVISION")
                .isGreaterThan(web1.indexOf("tar -xzf")).isLessThan(web1.indexOf("/releases/20261201184157/REVISION"));
        FlowGoldenTest.assertGoldenFile("artifact-hooked.txt", out);
    }

    private String run(Consumer<DeployHarness> setUp, RecordingBackend backend) {
        return FlowGoldenTest.record(backend, "scm/artifact", Map.of("application", "shop", "deploy_to", "/srv/shop"), setUp, "deploy");
    }
}
