package dev.capstan.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HTTP basic auth for hosts that download: while the host's curl is halfway through a download from a server that
 * requires the credentials, no process on the host (the host is this machine) has them in its command line or
 * environment, raw or as the base64 of the Authorization header, nor the URL's signature (its query). The right credentials deploy; wrong ones fail
 * with the 401 before publishing.
 */
@Timeout(120)
class ArtifactCredentialsIT {
    private static final String USER = "ci-deployer";
    private static final String PASSWORD = "pa55-w0rd-never-in-ps";
    /** A query like a presigned URL's signature: a secret of the run like the password. */
    private static final String SIGNATURE = "X-Amz-Signature=5ig-never-in-ps";
    private static final String BASIC = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    @TempDir Path tmp;

    @Test
    void theAuthorizationHeaderAndTheUrlsSignatureAreInNoProcessOnTheHostAndWrongCredentialsFailBeforePublishing() throws Exception {
        try (EmbeddedSshHost host = new EmbeddedSshHost(tmp, true); ArtifactTestServer http = new ArtifactTestServer()) {
            byte[] v1 = ArtifactTestServer.tgz(tmp, "shop-1", Map.of("index.html", "v1\n"));
            byte[] v2 = ArtifactTestServer.tgz(tmp, "shop-2", Map.of("index.html", "v2\n"));
            http.put("shop-1.tgz", v1);
            http.put("shop-2.tgz", v2);
            http.requireAuthorization("Basic " + BASIC);
            List<String> seen = new CopyOnWriteArrayList<>();
            List<String> leaks = new CopyOnWriteArrayList<>();
            http.midway(() -> scan(seen, leaks));
            Path deployTo = tmp.resolve("srv/shop");

            try (DeployHarness h = ArtifactHarness.of(host, deployTo, "hosts_download", http.url("shop-1.tgz") + "?" + SIGNATURE, ArtifactTestServer.sha256(v1))) {
                h.config.set("artifact_http_user", USER);
                h.config.set("artifact_http_password", PASSWORD);
                h.run("deploy");
            }
            assertThat(deployTo.resolve("current/index.html")).hasContent("v1");
            assertThat(seen).as("the scan ran while the host's curl downloaded").anyMatch(p -> p.contains("curl -K -"));
            assertThat(seen).as("and saw the host's shell running the deploy's script").anyMatch(p -> p.contains("sh -c") && p.contains("capstan_auth"));
            assertThat(leaks).as("processes whose command line or environment holds the credentials").isEmpty();

            String first = Files.readSymbolicLink(deployTo.resolve("current")).toString();
            try (DeployHarness h = ArtifactHarness.of(host, deployTo, "hosts_download", http.url("shop-2.tgz"), ArtifactTestServer.sha256(v2))) {
                h.config.set("artifact_http_user", USER);
                h.config.set("artifact_http_password", "wrong");
                assertThatThrownBy(() -> h.run("deploy")).satisfies(e -> assertThat(ArtifactHarness.fullMessage(e, h))
                        .contains(host.label(), "HTTP 401 (unauthorized", http.url("shop-2.tgz")).doesNotContain(PASSWORD));
            }
            assertThat(Files.readSymbolicLink(deployTo.resolve("current")).toString()).as("nothing switched").isEqualTo(first);
            try (Stream<Path> cached = Files.walk(deployTo.resolve("shared/artifacts"))) {
                assertThat(cached.filter(Files::isRegularFile).map(Path::getFileName).map(Path::toString).toList()).as("nothing else cached")
                        .containsExactly("shop-1.tgz");
            }
            assertThat(deployTo.resolve(".capstan-lock")).doesNotExist();
        }
    }

    /**
     * Every process's command line into {@code seen} (NULs as spaces); into {@code leaks} the pid and file of each
     * command line or environment (where this user may read it) that holds the credentials. Environments are never
     * kept or shown: they may hold other secrets.
     */
    private static void scan(List<String> seen, List<String> leaks) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                for (String file : List.of("cmdline", "environ")) {
                    String text;
                    try {
                        text = new String(Files.readAllBytes(p.resolve(file)), StandardCharsets.UTF_8).replace('\0', ' ');
                    } catch (IOException | SecurityException gone) {
                        continue; // ended meanwhile, or another user's environment
                    }
                    if (file.equals("cmdline")) seen.add(text);
                    if (text.contains(PASSWORD) || text.contains(BASIC) || text.contains(USER + ":") || text.contains(SIGNATURE)) leaks.add(p.getFileName() + "/" + file);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
