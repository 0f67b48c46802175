package dev.capstan.deploy.scm.artifact;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Maven repositories laid out on disk and served over real HTTP, one of them behind basic auth. */
class MavenResolverIT {
    @TempDir Path dir;
    private HttpServer server;
    private String base;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/public/", ex -> serveFile(ex, dir.resolve("public")));
        HttpContext secured = server.createContext("/private/", ex -> serveFile(ex, dir.resolve("private")));
        secured.setAuthenticator(new BasicAuthenticator("repo") {
            @Override
            public boolean checkCredentials(String user, String password) { return user.equals("ci") && password.equals("s3cr$t"); }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() { server.stop(0); }

    private static void serveFile(com.sun.net.httpserver.HttpExchange ex, Path root) throws IOException {
        String rel = ex.getRequestURI().getPath().replaceFirst("^/[^/]+/", "");
        Path f = root.resolve(rel).normalize();
        if (!f.startsWith(root) || !Files.isRegularFile(f)) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        byte[] body = Files.readAllBytes(f);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(200, head ? -1 : body.length);
        if (!head) try (OutputStream out = ex.getResponseBody()) { out.write(body); }
        ex.close();
    }

    private void put(String repo, String path, String content) throws IOException {
        Path f = dir.resolve(repo).resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }

    private MavenRepository repo(String name, RepositoryCredentials c) {
        return new MavenRepository(name, URI.create(base + "/" + name), c);
    }

    @Test
    void aReleaseIsFoundInTheFirstRepositoryThatHasItWithItsSha256() throws IOException {
        String sha = "ab".repeat(32);
        put("private", "com/acme/shop/1.4.2/shop-1.4.2.jar", "jar bytes");
        put("private", "com/acme/shop/1.4.2/shop-1.4.2.jar.sha256", sha);
        put("private", "com/acme/shop/1.4.2/shop-1.4.2.jar.sha1", "cd".repeat(20));
        ResolvedArtifact a = new MavenResolver().resolve(MavenCoordinates.parse("com.acme:shop:1.4.2"),
                List.of(repo("public", null), repo("private", new RepositoryCredentials("ci", "s3cr$t"))));
        assertThat(a.url()).hasToString(base + "/private/com/acme/shop/1.4.2/shop-1.4.2.jar");
        assertThat(a.checksum()).isEqualTo(Checksum.sha256(sha));
        assertThat(a.version()).isEqualTo("1.4.2");
    }

    @Test
    void aSnapshotResolvesToItsTimestampedFileForTheClassifierAndFallsBackToSha1() throws IOException {
        String dirPath = "com/acme/shop/2.0-SNAPSHOT/";
        put("public", dirPath + "maven-metadata.xml", """
                <metadata><groupId>com.acme</groupId><artifactId>shop</artifactId><version>2.0-SNAPSHOT</version>
                  <versioning><snapshot><timestamp>20261201.101010</timestamp><buildNumber>3</buildNumber></snapshot>
                    <snapshotVersions>
                      <snapshotVersion><extension>jar</extension><value>2.0-20261201.101010-3</value></snapshotVersion>
                      <snapshotVersion><classifier>boot</classifier><extension>jar</extension><value>2.0-20261130.090000-2</value></snapshotVersion>
                    </snapshotVersions></versioning></metadata>""");
        put("public", dirPath + "shop-2.0-20261130.090000-2-boot.jar", "boot jar");
        put("public", dirPath + "shop-2.0-20261130.090000-2-boot.jar.sha1", "ef".repeat(20) + "  shop-2.0-20261130.090000-2-boot.jar");
        ResolvedArtifact a = new MavenResolver().resolve(MavenCoordinates.parse("com.acme:shop:2.0-SNAPSHOT:boot"), List.of(repo("public", null)));
        assertThat(a.fileName()).isEqualTo("shop-2.0-20261130.090000-2-boot.jar");
        assertThat(a.version()).isEqualTo("2.0-20261130.090000-2");
        assertThat(a.checksum()).isEqualTo(new Checksum("sha1", "ef".repeat(20)));
    }

    @Test
    void missingArtifactsAndRefusedCredentialsSayWhereAndWhy() throws IOException {
        put("private", "com/acme/shop/1.0/shop-1.0.jar", "x");
        assertThatThrownBy(() -> new MavenResolver().resolve(MavenCoordinates.parse("com.acme:shop:9.9"), List.of(repo("public", null))))
                .hasMessageContaining("maven:com.acme:shop:9.9@jar is in none of the artifact_repositories")
                .hasMessageContaining("public (" + base + "/public/com/acme/shop/9.9/shop-9.9.jar: not found)");
        assertThatThrownBy(() -> new MavenResolver().resolve(MavenCoordinates.parse("com.acme:shop:1.0"),
                List.of(repo("private", new RepositoryCredentials("ci", "wrong")))))
                .hasMessageContaining("answered HTTP 401 (unauthorized").hasMessageNotContaining("wrong");
    }

    @Test
    void credentialsComeFromSettingsXmlByRepositoryId() throws IOException {
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, "<settings><servers><server><id>private</id><username>ci</username>"
                + "<password>s3cr$t</password></server></servers></settings>");
        assertThat(MavenSettings.credentials(settings, "private")).isEqualTo(new RepositoryCredentials("ci", "s3cr$t"));
        assertThat(MavenSettings.credentials(settings, "other")).isNull();
        assertThat(MavenSettings.credentials(settings, "private").toString()).doesNotContain("s3cr$t");
    }
}
