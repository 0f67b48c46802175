package dev.capstan.deploy.scm.artifact;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The host scripts run for real in /bin/sh with curl against a real HTTP server, into real directories. */
@Timeout(60)
class ArtifactScriptsIT {
    @TempDir Path dir;
    private HttpServer server;
    private String base;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> queries = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private byte[] artifact;

    record Ran(int exit, String out, String err) {}

    @BeforeEach
    void serve() throws Exception {
        artifact = tgz();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/shop.tgz", ex -> {
            requests.incrementAndGet();
            if (ex.getRequestURI().getRawQuery() != null) queries.add(ex.getRequestURI().getRawQuery());
            if (failuresLeft.getAndDecrement() > 0) respond(ex, 503, "busy".getBytes());
            else respond(ex, 200, artifact);
        });
        server.createContext("/missing.tgz", ex -> respond(ex, 404, "no".getBytes()));
        server.createContext("/secured.tgz", ex -> {
            boolean ok = ("Basic " + java.util.Base64.getEncoder().encodeToString("ci:p4ss".getBytes())).equals(ex.getRequestHeaders().getFirst("Authorization"));
            respond(ex, ok ? 200 : 401, ok ? artifact : new byte[0]);
        });
        server.createContext("/wget-secured.tgz", ex -> {
            boolean ok = ("Basic " + java.util.Base64.getEncoder().encodeToString("ci:p4ss".getBytes())).equals(ex.getRequestHeaders().getFirst("Authorization"));
            try (var files = Files.list(dir.resolve("tmp"))) {
                // wget's config file, while wget runs: only its user may read it
                files.forEach(f -> headerFiles.add(f.getFileName() + " " + java.nio.file.attribute.PosixFilePermissions.toString(permissions(f))));
            }
            respond(ex, ok ? 200 : 401, ok ? artifact : new byte[0]);
        });
        server.createContext("/cut.tgz", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, artifact.length);
            ex.getResponseBody().write(artifact, 0, artifact.length / 2);
            ex.close(); // the connection ends halfway through the promised length
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private final List<String> headerFiles = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(Path f) {
        try {
            return Files.getPosixFilePermissions(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() { server.stop(0); }

    private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) try (OutputStream out = ex.getResponseBody()) { out.write(body); }
        ex.close();
    }

    /** A real .tgz with a top directory, made by tar. */
    private byte[] tgz() throws Exception {
        Path src = dir.resolve("src/shop-1.4.2");
        Files.createDirectories(src.resolve("bin"));
        Files.writeString(src.resolve("bin/start"), "#!/bin/sh\necho started\n");
        Files.writeString(src.resolve(".env.example"), "X=1\n");
        assertThat(sh("tar -czf " + dir.resolve("shop.tgz") + " -C " + dir.resolve("src") + " shop-1.4.2").exit()).isZero();
        return Files.readAllBytes(dir.resolve("shop.tgz"));
    }

    private Ran sh(String script) throws Exception {
        return sh(script, "");
    }

    /** Runs {@code script} with {@code stdin} as its input. */
    private Ran sh(String script, String stdin) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).directory(dir.toFile()).start();
        try (OutputStream in = p.getOutputStream()) { in.write(stdin.getBytes(StandardCharsets.UTF_8)); }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(p.waitFor(), out.strip(), err.strip());
    }

    private Checksum digest() throws Exception {
        return Checksum.sha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(artifact)));
    }

    private String cache() { return dir.resolve("srv/shared/artifacts").toString(); }

    @Test
    void downloadsOnceThenServesFromTheCacheAndUnpacksWithStrip() throws Exception {
        Ran first = sh(ArtifactScripts.fetch(cache(), "shop.tgz", base + "/shop.tgz", digest(), false));
        assertThat(first.out()).isEqualTo("downloaded");
        Ran again = sh(ArtifactScripts.fetch(cache(), "shop.tgz", base + "/shop.tgz", digest(), false));
        assertThat(again.out()).isEqualTo("cached");
        assertThat(requests).as("the second fetch downloads nothing").hasValue(1);
        String release = dir.resolve("srv/releases/20261201000000").toString();
        Ran unpacked = sh(ArtifactScripts.unpack(ArtifactScripts.cachedFile(cache(), digest(), "shop.tgz"), release, 1, null));
        assertThat(unpacked.exit()).isZero();
        assertThat(Path.of(release, "bin/start")).hasContent("#!/bin/sh\necho started");
        assertThat(Path.of(release, ".env.example")).exists();
        try (var left = Files.list(Path.of(cache(), digest().hex()))) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("no partial file left").containsExactly("shop.tgz");
        }
    }

    @Test
    void aCorruptedCacheFileIsDownloadedAgain() throws Exception {
        sh(ArtifactScripts.fetch(cache(), "shop.tgz", base + "/shop.tgz", digest(), false));
        Files.writeString(Path.of(ArtifactScripts.cachedFile(cache(), digest(), "shop.tgz")), "bit rot");
        assertThat(sh(ArtifactScripts.fetch(cache(), "shop.tgz", base + "/shop.tgz", digest(), false)).out()).isEqualTo("downloaded");
        assertThat(Files.readAllBytes(Path.of(ArtifactScripts.cachedFile(cache(), digest(), "shop.tgz")))).isEqualTo(artifact);
    }

    @Test
    void transientServerErrorsAreRetriedAndPermanentOnesFailAtOnceNamingTheStatus() throws Exception {
        failuresLeft.set(1);
        Ran retried = sh(ArtifactScripts.fetch(cache(), "shop.tgz", base + "/shop.tgz", digest(), false));
        assertThat(retried.out()).isEqualTo("downloaded");
        assertThat(requests).hasValue(2);
        Ran missing = sh(ArtifactScripts.fetch(cache(), "missing.tgz", base + "/missing.tgz", digest(), false));
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("download failed: HTTP 404 from " + base + "/missing.tgz");
        String secured = ArtifactScripts.fetch(cache(), "secured.tgz", base + "/secured.tgz", digest(), true);
        Ran refused = sh(secured, base + "/secured.tgz\nAuthorization: Basic d3Jvbmc6d3Jvbmc=\n");
        assertThat(refused.err()).isEqualTo(ArtifactScripts.SECRETS_PROMPT + "\ndownload failed: HTTP 401 (unauthorized: check the credentials) from " + base + "/secured.tgz");
        Ran allowed = sh(secured, base + "/secured.tgz\nAuthorization: Basic " + java.util.Base64.getEncoder().encodeToString("ci:p4ss".getBytes()) + "\n");
        assertThat(allowed.out()).isEqualTo("downloaded");
        assertThat(secured).as("the header is never in the script").doesNotContain("Basic");
    }

    @Test
    void aSignedUrlComesOnStdinAndIsNeverInTheScript() throws Exception {
        String signed = base + "/shop.tgz?X-Amz-Signature=s3cr3tsig";
        String script = ArtifactScripts.fetch(cache(), "shop.tgz", signed, digest(), ArtifactScripts.secret(signed, null));
        assertThat(script).doesNotContain("s3cr3tsig", "/shop.tgz?");
        Ran r = sh(script, signed + "\n\n");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("downloaded");
        assertThat(queries).as("the host sent the signature").contains("X-Amz-Signature=s3cr3tsig");
        assertThat(ArtifactScripts.secret(base + "/shop.tgz", null)).as("a plain URL stays in the script").isFalse();
    }

    @Test
    void aHostWithNeitherCurlNorWgetEndsTheCommandAskingForAnUploadAndTheRestOfItDoesNotRun() throws Exception {
        Path bin = tools("bin-none", List.of("mkdir", "sha256sum", "cut"));
        String release = dir.resolve("srv/releases/1").toString();
        ReleaseScripts.Placement place = new ReleaseScripts.Placement(cache(), "shop.tgz", digest(), 1, null, 5);
        Ran r = sh("PATH=" + bin + "; export PATH; " + ReleaseScripts.prepare(release, "TOKEN", place, base + "/shop.tgz", false)
                + " && echo 'REVISION and the links'");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(ReleaseScripts.UPLOAD_NEEDED + ": neither curl nor wget");
        assertThat(Path.of(release).toFile().list()).as("the release is empty and unfinished").containsExactly(".capstan-unfinished");
        assertThat(requests).hasValue(0);
    }

    /** A directory for PATH with wrappers for {@code names} (and no other tool). */
    private Path tools(String name, List<String> names) throws Exception {
        Path bin = Files.createDirectories(dir.resolve(name));
        for (String tool : names) {
            Ran which = sh("command -v " + tool);
            assertThat(which.exit()).as(tool + " installed").isZero();
            Path wrapper = Files.writeString(bin.resolve(tool), "#!/bin/sh\nexec " + which.out() + " \"$@\"\n");
            assertThat(wrapper.toFile().setExecutable(true)).isTrue();
        }
        return bin;
    }

    @Test
    void aHostWithOnlyWgetSendsTheHeaderFromAFileOnlyItsUserCanReadAndRemovesIt() throws Exception {
        // a PATH with wget and the tools the script uses, without curl
        Path bin = tools("bin-wget", List.of("wget", "mkdir", "mktemp", "sha256sum", "cut", "mv", "rm", "od", "sleep", "cat"));
        Files.createDirectories(dir.resolve("tmp"));
        String script = "PATH=" + bin + " TMPDIR=" + dir.resolve("tmp") + "; export PATH TMPDIR; "
                + ArtifactScripts.fetch(cache(), "secured.tgz", base + "/wget-secured.tgz", digest(), true);
        Ran refused = sh(script, base + "/wget-secured.tgz\nAuthorization: Basic d3Jvbmc6d3Jvbmc=\n");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).endsWith("download failed: HTTP error, wget exit status 6 from " + base + "/wget-secured.tgz");
        Ran allowed = sh(script, base + "/wget-secured.tgz\nAuthorization: Basic " + java.util.Base64.getEncoder().encodeToString("ci:p4ss".getBytes()) + "\n");
        assertThat(allowed.exit()).as(allowed.err()).isZero();
        assertThat(allowed.out()).isEqualTo("downloaded");
        assertThat(headerFiles).as("one config file per download, rw for its user only").hasSize(2).allMatch(f -> f.endsWith(" rw-------"));
        try (var left = Files.list(dir.resolve("tmp"))) {
            assertThat(left.toList()).as("removed after each download").isEmpty();
        }
    }

    @Test
    void aWrongChecksumOrACutConnectionNeverLeavesAFileThatLooksGood() throws Exception {
        Checksum wrong = Checksum.sha256("00".repeat(32));
        Ran mismatch = sh(ArtifactScripts.fetch(cache(), "shop.tgz", base + "/shop.tgz", wrong, false));
        assertThat(mismatch.exit()).isEqualTo(1);
        assertThat(mismatch.err()).isEqualTo("checksum mismatch: expected sha256 " + wrong.hex() + ", got " + digest().hex());
        requests.set(0);
        Ran cut = sh(ArtifactScripts.fetch(cache(), "cut.tgz", base + "/cut.tgz", digest(), false));
        assertThat(cut.exit()).isEqualTo(1);
        assertThat(cut.err()).startsWith("download failed after 3 tries: HTTP 200, curl exit status 18");
        assertThat(requests).hasValue(3);
        try (var files = Files.walk(Path.of(cache()))) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    @Test
    void jarsArePlacedUnderAStableNameAndZipsStripTheirTopDirectory() throws Exception {
        Path jar = dir.resolve("shop-1.4.2.jar");
        Files.writeString(jar, "PK jar");
        String rel = dir.resolve("rel1").toString();
        assertThat(sh(ArtifactScripts.unpack(jar.toString(), rel, 0, "app.jar")).exit()).isZero();
        assertThat(Path.of(rel, "app.jar")).hasContent("PK jar");
        Files.createDirectories(dir.resolve("z/shop/conf"));
        Files.writeString(dir.resolve("z/shop/conf/a.yml"), "a: 1");
        Files.writeString(dir.resolve("z/shop/.hidden"), "h");
        assertThat(sh("cd z && zip -q -r ../shop.zip shop").exit()).as("zip installed").isZero();
        String rel2 = dir.resolve("rel2").toString();
        Ran unzip = sh(ArtifactScripts.unpack(dir.resolve("shop.zip").toString(), rel2, 1, null));
        assertThat(unzip.exit()).as(unzip.err()).isZero();
        assertThat(Path.of(rel2, "conf/a.yml")).hasContent("a: 1");
        assertThat(Path.of(rel2, ".hidden")).exists();
        assertThat(Path.of(rel2, ".capstan-unzip")).doesNotExist();
        assertThat(List.of(new java.io.File(rel2).list())).containsExactlyInAnyOrder("conf", ".hidden");
    }
}
