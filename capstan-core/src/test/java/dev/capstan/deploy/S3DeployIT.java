package dev.capstan.deploy;

import dev.capstan.deploy.scm.artifact.S3ProxyProcess;
import dev.capstan.remote.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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
                assertThat(String.join("\n", scripts)).contains("X-Amz-Signature").doesNotContain(S3ProxyProcess.SECRET)
                        .doesNotContain("AWS_").doesNotContain("aws_secret").doesNotContain("capstan%2Ftest");
                String signature = scripts.stream().filter(s -> s.contains("X-Amz-Signature")).findFirst().orElseThrow()
                        .replaceFirst("(?s).*X-Amz-Signature\\\\?=([0-9a-f]+).*", "$1");
                assertThat(h.config.secretValues()).as("the signature is masked wherever it is shown").contains(signature);
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
        }
    }
}
