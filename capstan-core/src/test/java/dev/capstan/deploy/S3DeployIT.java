package dev.capstan.deploy;


import dev.capstan.deploy.scm.artifact.S3ProxyProcess;
import dev.capstan.remote.event.Event;
import org.junit.jupiter.api.Test;
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
 * An s3:// deploy through a real S3Proxy: Capstan presigns on this machine with the deployer's credentials (the AWS
 * SDK's chain, here its system properties), the host downloads the presigned URL with curl, and no credential, no
 * AWS_* variable ever reaches a command; the URL's signature is a run secret (masked in every output).
 */
@Timeout(120)
class S3DeployIT {
    @TempDir Path tmp;

    @Test
    void hostsDownloadAPresignedUrlAndNeverSeeACredential() throws Exception {
        byte[] tgz = ArtifactTestServer.tgz(tmp, "shop-1", Map.of("index.html", "from s3\n"));
        try (S3ProxyProcess s3 = S3ProxyProcess.start(Files.createDirectories(tmp.resolve("s3")))) {
            s3.put("builds", "shop/shop-1.tgz", tgz);
            System.setProperty("aws.accessKeyId", S3ProxyProcess.KEY_ID);
            System.setProperty("aws.secretAccessKey", S3ProxyProcess.SECRET);
            try (DeployHarness h = new DeployHarness("deploy", "scm/artifact")) {
                h.localServer("localhost");
                h.config.set("application", "shop");
                h.config.set("deploy_to", tmp.resolve("srv/shop").toString());
                h.config.set("local_user", "alice");
                h.config.set("artifact_url", "s3://builds/shop/shop-1.tgz");
                h.config.set("artifact_sha256", ArtifactTestServer.sha256(tgz));
                h.config.set("artifact_s3_endpoint", s3.endpoint().toString());
                h.config.set("artifact_s3_region", "us-east-1");
                h.config.set("artifact_strip_components", 1);
                h.run("deploy");

                assertThat(tmp.resolve("srv/shop/current/index.html")).hasContent("from s3");
                List<String> scripts = h.events.stream().filter(e -> e instanceof Event.CommandStarted)
                        .map(e -> ((Event.CommandStarted) e).command().script()).toList();
                // the presigned URL reaches the host on stdin: not even its signature is in the script (the host's ps)
                assertThat(String.join("\n", scripts)).contains("IFS= read -r capstan_url").doesNotContain("X-Amz-")
                        .doesNotContain(S3ProxyProcess.SECRET).doesNotContain("AWS_").doesNotContain("aws_secret").doesNotContain("capstan%2Ftest");
                String digest = ArtifactTestServer.sha256(tgz);
                assertThat(h.config.secretValues()).as("the signature is masked wherever it is shown")
                        .anyMatch(v -> v.matches("[0-9a-f]{64}") && !v.equals(digest));
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
        }
    }

    /**
     * A presigned URL valid for 1 s, and a user's hook that takes 2.5 s before the hosts download: S3Proxy refuses the
     * expired URL with a 403, so the deploy fails before publishing, saying which host, which URL (no signature) and
     * the status; current stays, the new release stays unfinished, nothing is cached.
     */
    @ParameterizedTest
    @ValueSource(strings = {"hosts_download", "push"})
    void anExpiredPresignedUrlFailsBeforePublishing(String transfer) throws Exception {
        byte[] v1 = ArtifactTestServer.tgz(tmp, "shop-1", Map.of("index.html", "v1\n"));
        byte[] v2 = ArtifactTestServer.tgz(tmp, "shop-2", Map.of("index.html", "v2\n"));
        Path deployTo = tmp.resolve("srv/shop");
        try (S3ProxyProcess s3 = S3ProxyProcess.start(Files.createDirectories(tmp.resolve("s3"))); EmbeddedSshHost host = new EmbeddedSshHost(tmp, true)) {
            s3.put("builds", "shop/shop-1.tgz", v1);
            s3.put("builds", "shop/shop-2.tgz", v2);
            System.setProperty("aws.accessKeyId", S3ProxyProcess.KEY_ID);
            System.setProperty("aws.secretAccessKey", S3ProxyProcess.SECRET);
            try {
                try (DeployHarness h = s3Deploy(host, deployTo, transfer, s3, "shop/shop-1.tgz", v1)) {
                    h.run("deploy");
                }
                Path first = Files.readSymbolicLink(deployTo.resolve("current"));
                try (DeployHarness h = s3Deploy(host, deployTo, transfer, s3, "shop/shop-2.tgz", v2)) {
                    h.config.set("artifact_url_expires", 1);
                    h.tasks.define("slow_hook", null, ctx -> Thread.sleep(2500));
                    h.tasks.after("deploy:started", "slow_hook", null);
                    assertThatThrownBy(() -> h.run("deploy")).satisfies(e -> {
                        String told = ArtifactHarness.fullMessage(e, h);
                        assertThat(told).contains(s3.endpoint() + "/builds/shop/shop-2.tgz", "403").doesNotContain("X-Amz-Signature=");
                        if (transfer.equals("hosts_download")) assertThat(told).contains(host.label(), "presigned URL expired");
                    });
                }
                assertThat(Files.readSymbolicLink(deployTo.resolve("current"))).as("nothing switched").isEqualTo(first);
                assertThat(deployTo.resolve("current/index.html")).hasContent("v1");
                try (Stream<Path> releases = Files.list(deployTo.resolve("releases"))) {
                    assertThat(releases.filter(r -> !r.equals(first) && !Files.exists(r.resolve(".capstan-unfinished"))).toList())
                            .as("no other release marked finished").isEmpty();
                }
                try (Stream<Path> cached = Files.walk(deployTo.resolve("shared/artifacts"))) {
                    assertThat(cached.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList()).containsExactly("shop-1.tgz");
                }
                assertThat(deployTo.resolve(".capstan-lock")).doesNotExist();
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
        }
    }

    private static DeployHarness s3Deploy(EmbeddedSshHost host, Path deployTo, String transfer, S3ProxyProcess s3, String key, byte[] content)
            throws Exception {
        DeployHarness h = ArtifactHarness.of(host, deployTo, transfer, "s3://builds/" + key, ArtifactTestServer.sha256(content));
        h.config.set("artifact_s3_endpoint", s3.endpoint().toString());
        h.config.set("artifact_s3_region", "us-east-1");
        return h;
    }
}
