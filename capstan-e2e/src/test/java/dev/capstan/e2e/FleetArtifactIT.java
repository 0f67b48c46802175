package dev.capstan.e2e;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.capstan.e2e.Projects.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code use 'scm/artifact'} through bin/capstan to 10 real OpenSSH hosts (one fleet for the class), in both transfer modes, from a real HTTP
 * server in this JVM: a deploy, a redeploy that downloads nothing (server requests and, for push, each host's SFTP
 * channels counted), a host whose cached file was corrupted (only it downloads or is sent the bytes again), and a rollback.
 */
class FleetArtifactIT {
    /** As many hosts as the issue asks for; both transfer modes share them. */
    static final int HOSTS = 10;
    static Fleet fleet;
    static HttpServer http;
    static final Map<String, byte[]> files = new ConcurrentHashMap<>();
    static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        fleet = Fleet.startOrSkip(HOSTS);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            requests.incrementAndGet();
            byte[] body = files.get(ex.getRequestURI().getPath().substring(1));
            ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) try (OutputStream out = ex.getResponseBody()) { out.write(body); }
            ex.close();
        });
        http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        http.start();
    }

    @AfterAll
    static void stop() {
        if (http != null) http.stop(0);
        if (fleet != null) fleet.close();
    }

    private static byte[] tgz(String version) throws Exception {
        Path src = fleet.root.resolve("artifact-src-" + version + "/shop");
        Files.createDirectories(src);
        Files.writeString(src.resolve("index.html"), version + "\n");
        Path out = fleet.root.resolve("shop-" + version + ".tgz");
        Shell.ok("tar", "-czf", out.toString(), "-C", src.getParent().toString(), "shop");
        return Files.readAllBytes(out);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static void deploy(Path p, String name, byte[] content) throws Exception {
        Path stage = p.resolve("config/deploy/e2e.groovy");
        String servers = Files.readString(stage).replaceAll("(?m)^set 'artifact_(url|sha256)'.*\n", "");
        Files.writeString(stage, servers + "set 'artifact_url', 'http://127.0.0.1:" + http.getAddress().getPort()
                + "/" + name + "'\nset 'artifact_sha256', '" + sha256(content) + "'\n");
        succeeded(Projects.capstan(fleet, p, "e2e", "deploy"));
    }

    /** Subsystem (SFTP) channels each host's sshd has opened so far, logged at DEBUG1: a push uploads over SFTP, nothing else of a deploy does. */
    private static java.util.List<Long> sftp() throws Exception {
        java.util.List<Long> out = new java.util.ArrayList<>();
        for (FleetHost h : fleet.hosts) out.add(Files.readAllLines(h.log()).stream().filter(l -> l.contains("server_input_channel_req") && l.contains("request subsystem")).count());
        return out;
    }

    private static java.util.List<Long> minus(java.util.List<Long> after, java.util.List<Long> before) {
        java.util.List<Long> out = new java.util.ArrayList<>();
        for (int i = 0; i < after.size(); i++) out.add(after.get(i) - before.get(i));
        return out;
    }

    /** The current release's index.html, read through the host's own /srv (current is an absolute link there). */
    private static String served(FleetHost h, String deployTo) throws Exception {
        return Files.readString(h.srv().resolve(deployTo.substring(5) + "/releases/" + HostState.of(h, deployTo).current() + "/index.html"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hosts_download", "push"})
    void deploysRedeploysFromTheCacheRepairsACorruptedCacheAndRollsBack(String transfer) throws Exception {
        String deployTo = "/srv/shop-" + transfer.replace('_', '-');
        Path p = Projects.capstan(fleet, "artifact-" + transfer, deployTo, fleet.hosts, String.join("\n",
                "set 'artifact_transfer', '" + transfer + "'", "set 'artifact_strip_components', 1",
                "set 'artifact_max_concurrent_downloads', 2"));
        Files.writeString(p.resolve("Capfile"), "use 'deploy'\nuse 'scm/artifact'\n");
        byte[] v1 = tgz("v1-" + transfer);
        byte[] v2 = tgz("v2-" + transfer);
        files.put("v1-" + transfer + ".tgz", v1);
        files.put("v2-" + transfer + ".tgz", v2);
        int before = requests.get();
        boolean push = transfer.equals("push");
        java.util.List<Long> sftp = sftp();
        deploy(p, "v1-" + transfer + ".tgz", v1);
        assertThat(minus(sftp(), sftp)).as("uploads per host").containsOnly(push ? 1L : 0L);
        int hosts = fleet.hosts.size();
        assertThat(hosts).isEqualTo(HOSTS);
        assertThat(requests.get() - before).as("downloads of v1").isEqualTo(push ? 1 : hosts);
        String first = null;
        for (FleetHost h : fleet.hosts) {
            HostState s = HostState.of(h, deployTo);
            first = s.current();
            assertThat(s.revision()).isEqualTo(sha256(v1));
            assertThat(served(h, deployTo)).isEqualTo("v1-" + transfer + "\n");
            assertThat(s.revisionLog()).last().asString().startsWith("Artifact v1-" + transfer + ".tgz (sha256 " + sha256(v1) + ") deployed as release");
        }

        Thread.sleep(1100);
        deploy(p, "v2-" + transfer + ".tgz", v2);
        int afterV2 = requests.get();

        // one host's cached v1 is corrupted: the redeploy of v1 fetches again for that host only
        FleetHost bad = fleet.hosts.get(0);
        Path cached = bad.srv().resolve(deployTo.substring(5) + "/shared/artifacts/" + sha256(v1) + "/v1-" + transfer + ".tgz");
        assertThat(cached).exists();
        Files.write(cached, "corrupted".getBytes());
        Thread.sleep(1100);
        sftp = sftp();
        deploy(p, "v1-" + transfer + ".tgz", v1);
        assertThat(requests.get() - afterV2).as("only the corrupted host needed the bytes again").isEqualTo(1);
        java.util.List<Long> uploads = minus(sftp(), sftp);
        assertThat(uploads.get(0)).as("uploads to the corrupted host").isEqualTo(push ? 1L : 0L);
        assertThat(uploads.subList(1, uploads.size())).as("uploads to the others").containsOnly(0L);
        for (FleetHost h : fleet.hosts) {
            assertThat(served(h, deployTo)).isEqualTo("v1-" + transfer + "\n");
        }
        assertThat(sha256(Files.readAllBytes(cached))).as("the cache was repaired").isEqualTo(sha256(v1));

        Thread.sleep(1100);
        sftp = sftp();
        deploy(p, "v1-" + transfer + ".tgz", v1);
        assertThat(requests.get() - afterV2).as("a redeploy downloads nothing").isEqualTo(1);
        assertThat(minus(sftp(), sftp)).as("a redeploy uploads nothing").containsOnly(0L);

        int beforeRollback = requests.get();
        succeeded(Projects.capstan(fleet, p, "e2e", "deploy:rollback"));
        assertThat(requests.get()).as("a rollback downloads nothing").isEqualTo(beforeRollback);
        for (FleetHost h : fleet.hosts) {
            HostState s = HostState.of(h, deployTo);
            assertThat(s.current()).isNotEqualTo(first);
            assertThat(served(h, deployTo)).isEqualTo("v1-" + transfer + "\n");
            assertThat(s.revisionLog()).last().asString().startsWith("e2e rolled back to release");
        }
    }
}
