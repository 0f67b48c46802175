package dev.capstan.deploy.scm.artifact;

import com.sun.net.httpserver.HttpServer;
import dev.capstan.config.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** From the user's artifact_* variables to what hosts fetch, against a real HTTP server and real files. */
class ArtifactResolverIT {
    private static final String SHA = "9f2c".repeat(16);
    @TempDir Path home;
    private HttpServer server;
    private String base;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/SHA256SUMS", ex -> {
            byte[] body = (("ab".repeat(32)) + "  other.tgz\n" + SHA + "  shop-1.4.2.tgz\n").getBytes();
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) { o.write(body); }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() { server.stop(0); }

    private ResolvedArtifact resolve(Configuration c) {
        return new ArtifactResolver().resolve(ArtifactSettings.from(c, home), new ArrayList<String>()::add);
    }

    @Test
    void aLocalFileIsDigestedHereAndItsVersionIsItsName() throws Exception {
        Path f = home.resolve("shop-1.4.2.tar.gz");
        Files.writeString(f, "abc");
        Configuration c = new Configuration();
        c.set("artifact_url", f.toString());
        ResolvedArtifact a = resolve(c);
        assertThat(a.checksum()).isEqualTo(Checksum.sha256("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        assertThat(a.version()).isEqualTo("shop-1.4.2");
        c.set("artifact_url", home.resolve("nope.tgz").toString());
        assertThatThrownBy(() -> resolve(c)).hasMessageContaining("nope.tgz does not exist on this machine");
    }

    @Test
    void anHttpArtifactTakesItsDigestFromASha256SumsFileAndItsCredentialsFromNetrc() throws Exception {
        Files.writeString(home.resolve(".netrc"), "machine other.example login x password y\nmachine 127.0.0.1 login ci password s3cr3t\n");
        Configuration c = new Configuration();
        c.set("artifact_url", base + "/builds/shop-1.4.2.tgz");
        c.set("artifact_sha256", base + "/SHA256SUMS");
        c.set("artifact_version", "1.4.2");
        ResolvedArtifact a = resolve(c);
        assertThat(a.checksum().hex()).isEqualTo(SHA);
        assertThat(a.version()).isEqualTo("1.4.2");
        assertThat(a.credentials()).isEqualTo(new RepositoryCredentials("ci", "s3cr3t"));
        c.set("artifact_url", base + "/builds/unlisted.tgz");
        assertThatThrownBy(() -> resolve(c)).hasMessageContaining("lists no digest for unlisted.tgz");
    }

    @Test
    void withoutADigestOrWithBadSettingsNothingIsTouched() {
        Configuration c = new Configuration();
        c.set("artifact_url", base + "/builds/shop-1.4.2.tgz");
        assertThatThrownBy(() -> resolve(c)).hasMessageContaining("artifact_sha256 is not set");
        c.set("artifact_transfer", "carrier_pigeon");
        assertThatThrownBy(() -> resolve(c)).hasMessage("artifact_transfer is 'carrier_pigeon'; use one of hosts_download, push");
        c.set("artifact_transfer", "push");
        c.set("artifact_repositories", java.util.List.of("ftp://repo"));
        assertThatThrownBy(() -> resolve(c)).hasMessageContaining("'ftp://repo' is not an http(s) URL");
    }

    @Test
    void netrcDefaultEntryAndMissingHosts() throws Exception {
        Path n = home.resolve("netrc");
        Files.writeString(n, "machine a.example\n  login alice\n  password one\ndefault login anon password two\n");
        assertThat(Netrc.credentials(n, "a.example")).isEqualTo(new RepositoryCredentials("alice", "one"));
        assertThat(Netrc.credentials(n, "b.example")).isEqualTo(new RepositoryCredentials("anon", "two"));
        Files.writeString(n, "machine a.example login alice password one\n");
        assertThat(Netrc.credentials(n, "b.example")).isNull();
    }
}
