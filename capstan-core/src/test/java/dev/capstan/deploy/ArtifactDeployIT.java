package dev.capstan.deploy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code use 'scm/artifact'} end to end over SSH (embedded MINA server, real /bin/sh, curl, tar, SFTP) against a real
 * HTTP server, in both transfer modes: deploy, redeploy from the cache, rollback, status, and the failures that
 * must stop before publishing.
 */
@Timeout(120)
class ArtifactDeployIT {
    @TempDir Path tmp;
    private EmbeddedSshHost host;
    private ArtifactTestServer http;
    private Path deployTo;
    private byte[] v1;
    private byte[] v2;

    @BeforeEach
    void start() throws Exception {
        host = new EmbeddedSshHost(tmp, true);
        http = new ArtifactTestServer();
        v1 = ArtifactTestServer.tgz(tmp, "shop-1", Map.of("index.html", "v1\n", "bin/start", "#!/bin/sh\n"));
        v2 = ArtifactTestServer.tgz(tmp, "shop-2", Map.of("index.html", "v2\n", "bin/start", "#!/bin/sh\n"));
        http.put("shop-1.tgz", v1);
        http.put("shop-2.tgz", v2);
        deployTo = tmp.resolve("srv/shop");
    }

    @AfterEach
    void stop() {
        http.close();
        host.close();
    }

    private DeployHarness harness(String transfer, String file, byte[] content) throws Exception {
        return ArtifactHarness.of(host, deployTo, transfer, http.url(file), ArtifactTestServer.sha256(content));
    }

    private void deploy(String transfer, String file, byte[] content) throws Exception {
        try (DeployHarness h = harness(transfer, file, content)) {
            h.run("deploy");
        }
    }

    private String current() throws Exception {
        return Files.readSymbolicLink(deployTo.resolve("current")).getFileName().toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hosts_download", "push"})
    void deploysRedeploysFromTheCacheAndRollsBack(String transfer) throws Exception {
        deploy(transfer, "shop-1.tgz", v1);
        String first = current();
        assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v1\n");
        assertThat(Files.readString(deployTo.resolve("current/REVISION")).strip()).isEqualTo(ArtifactTestServer.sha256(v1));
        assertThat(deployTo.resolve("shared/artifacts/" + ArtifactTestServer.sha256(v1) + "/shop-1.tgz")).exists();
        assertThat(deployTo.resolve("current/.capstan-unfinished")).doesNotExist();
        assertThat(Files.readString(deployTo.resolve("revisions.log"))).contains("Artifact shop-1.tgz (sha256 " + ArtifactTestServer.sha256(v1)
                + ") deployed as release " + first + " by alice");
        assertThat(http.requests.get()).as("one download").isEqualTo(1);

        Thread.sleep(1100);
        deploy(transfer, "shop-2.tgz", v2);
        String second = current();
        assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v2\n");
        assertThat(http.requests.get()).isEqualTo(2);

        Thread.sleep(1100);
        deploy(transfer, "shop-1.tgz", v1);
        assertThat(current()).isNotIn(first, second);
        assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v1\n");
        assertThat(http.requests.get()).as("a redeploy of v1 comes from the host's cache").isEqualTo(2);

        try (DeployHarness h = harness(transfer, "shop-1.tgz", v1)) {
            h.run("deploy:rollback");
            h.run("deploy:status");
        }
        assertThat(current()).isEqualTo(second);
        assertThat(http.requests.get()).as("a rollback downloads nothing").isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hosts_download", "push"})
    void aWrongChecksumA404OrACutConnectionFailsBeforePublishing(String transfer) throws Exception {
        deploy(transfer, "shop-1.tgz", v1);
        String first = current();
        int requests = http.requests.get();
        for (String file : List.of("shop-2.tgz#wrong", "missing.tgz", "cut/shop-2.tgz")) {
            Thread.sleep(1100);
            boolean wrong = file.endsWith("#wrong");
            String name = wrong ? "shop-2.tgz" : file;
            try (DeployHarness h = harness(transfer, name, wrong ? v1 : v2)) {
                assertThatThrownBy(() -> h.run("deploy")).as(file).satisfies(e -> assertThat(ArtifactHarness.fullMessage(e, h))
                        .containsAnyOf("checksum mismatch", "HTTP 404", "cut short", "download failed", "404"));
            }
            assertThat(current()).as(file + ": nothing switched").isEqualTo(first);
            assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v1\n");
            assertThat(deployTo.resolve(".capstan-lock")).as("the lock is released").doesNotExist();
        }
        assertThat(http.requests.get()).as("each failure reached the server").isGreaterThan(requests);
        try (Stream<Path> s = Files.walk(deployTo.resolve("shared/artifacts"))) {
            assertThat(s.filter(Files::isRegularFile).map(p -> deployTo.relativize(p).toString()).toList()).as("nothing wrong was cached")
                    .containsExactly("shared/artifacts/" + ArtifactTestServer.sha256(v1) + "/shop-1.tgz");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hosts_download", "push"})
    void redirectsAreFollowedByThisMachineAndByTheHosts(String transfer) throws Exception {
        http.put("SHA256SUMS", (ArtifactTestServer.sha256(v1) + "  shop-1.tgz\n").getBytes());
        try (DeployHarness h = harness(transfer, "moved/shop-1.tgz", v1)) {
            h.config.set("artifact_sha256", http.url("moved301/SHA256SUMS"));
            h.run("deploy");
        }
        assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v1\n");
        assertThat(Files.readString(deployTo.resolve("current/REVISION")).strip()).isEqualTo(ArtifactTestServer.sha256(v1));
        assertThat(http.redirects.get()).as("the SHA256SUMS read here (301) and the artifact's download (302)").isEqualTo(2);
        assertThat(http.requests.get()).as("each redirect, then its target").isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hosts_download", "push"})
    void aDeployCostsAsManyCommandsPerHostAsGitAndAPushOneMore(String transfer) throws Exception {
        try (DeployHarness h = harness(transfer, "shop-1.tgz", v1)) {
            h.run("deploy");
            assertThat(h.commandSummaries()).as("git's 5; a push adds the command after the upload").hasSize(transfer.equals("push") ? 6 : 5);
        }
        try (DeployHarness h = harness(transfer, "shop-1.tgz", v1)) {
            h.run("deploy");
            assertThat(h.commandSummaries()).as("the bytes are cached: 5 either way").hasSize(5);
        }
        assertThat(Files.readString(deployTo.resolve("current/REVISION")).strip()).isEqualTo(ArtifactTestServer.sha256(v1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hosts_download", "push"})
    void aHookAfterCreateReleaseRunsOnTheUnpackedReleaseAndRevisionIsStillWritten(String transfer) throws Exception {
        List<String> seenByHook = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (DeployHarness h = harness(transfer, "shop-1.tgz", v1)) {
            h.tasks.define("check_release", null, ctx -> {
                Path release = Path.of(ctx.config().fetchString("release_path"));
                seenByHook.add("index.html " + Files.exists(release.resolve("index.html")) + ", REVISION " + Files.exists(release.resolve("REVISION")));
            });
            h.tasks.after("artifact:create_release", "check_release", null);
            h.run("deploy");
        }
        assertThat(seenByHook).containsExactly("index.html true, REVISION false");
        assertThat(Files.readString(deployTo.resolve("current/REVISION")).strip()).isEqualTo(ArtifactTestServer.sha256(v1));
        assertThat(Files.readString(deployTo.resolve("current/index.html"))).isEqualTo("v1\n");
    }

    @org.junit.jupiter.api.Test
    void deploysAJarFromAMavenRepositoryServedOverHttpUnderAStableName() throws Exception {
        byte[] jar = "PK fake spring boot jar".getBytes();
        http.put("repo/com/acme/shop/1.4.2/shop-1.4.2.jar", jar);
        http.put("repo/com/acme/shop/1.4.2/shop-1.4.2.jar.sha256", ArtifactTestServer.sha256(jar).getBytes());
        try (DeployHarness h = harness("hosts_download", "unused", jar)) {
            h.config.set("artifact_url", "maven:com.acme:shop:1.4.2");
            h.config.delete("artifact_sha256");
            h.config.set("artifact_repositories", List.of(http.url("repo")));
            h.config.set("artifact_name", "app.jar");
            h.run("deploy");
        }
        assertThat(Files.readAllBytes(deployTo.resolve("current/app.jar"))).isEqualTo(jar);
        assertThat(Files.readString(deployTo.resolve("current/REVISION")).strip()).as("the Maven version").isEqualTo("1.4.2");
    }

}
