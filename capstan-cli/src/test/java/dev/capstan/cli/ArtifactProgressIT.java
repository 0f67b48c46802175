package dev.capstan.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A push deploy of a 4 MB .tgz from a slow HTTP server (JDK httpserver, about 1.5 MB/s) to an embedded SSH host:
 * in a real terminal (tmux) the fetch is one line redrawn in place that moves and ends at 100%; without a terminal
 * there is a start line and an end line and no progress in between.
 */
@Timeout(150)
class ArtifactProgressIT {
    private static final Pattern LIVE = Pattern.compile("Downloading shop\\.tgz  \\[[= >]{20}\\]  (\\d+)%  [0-9.]+ [kM]?B / [0-9.]+ MB");

    @TempDir Path tmp;
    TestFleet fleet;
    HttpServer http;
    byte[] tgz;

    @BeforeEach
    void start() throws Exception {
        // one host: the embedded hosts share this machine's file system, so two would share one deploy_to
        fleet = new TestFleet(tmp, Map.of("web1", "app"));
        tgz = tgz(4_000_000);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/shop.tgz", ex -> {
            ex.sendResponseHeaders(200, tgz.length);
            try (OutputStream out = ex.getResponseBody()) {
                for (int at = 0; at < tgz.length; at += 64 * 1024) {
                    out.write(tgz, at, Math.min(64 * 1024, tgz.length - at));
                    out.flush();
                    Thread.sleep(40); // ~1.6 MB/s: the download takes a few seconds
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        http.start();
        Files.writeString(fleet.project.resolve("Capfile"), "use 'deploy'\nuse 'scm/artifact'\n");
        Path config = fleet.project.resolve("config/deploy.groovy");
        Files.writeString(config, Files.readString(config).replaceAll("(?m)^set 'repo_url'.*\n", ""));
        Files.writeString(fleet.project.resolve("config/deploy/qa.groovy"), String.join("\n",
                "set 'artifact_url', '" + url() + "'",
                "set 'artifact_sha256', '" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tgz)) + "'",
                "set 'artifact_transfer', 'push'",
                "set 'artifact_strip_components', 1", ""), java.nio.file.StandardOpenOption.APPEND);
    }

    @AfterEach
    void stop() {
        if (http != null) http.stop(0);
        if (fleet != null) fleet.close();
    }

    /** The size as the line shows it: decimal megabytes, one decimal. */
    private String mb() {
        return String.format(java.util.Locale.ROOT, "%.1f MB", tgz.length / 1e6);
    }

    private String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/shop.tgz";
    }

    /** A real .tgz of {@code size} random (incompressible) bytes under one top directory. */
    private byte[] tgz(int size) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/shop"));
        byte[] data = new byte[size];
        new Random(15).nextBytes(data);
        Files.write(src.resolve("data.bin"), data);
        Files.writeString(src.resolve("index.html"), "v1\n");
        Path out = tmp.resolve("shop.tgz");
        Process p = new ProcessBuilder("tar", "-czf", out.toString(), "-C", tmp.resolve("src").toString(), "shop").inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as("tar").isTrue();
        return Files.readAllBytes(out);
    }

    @Test
    void onATerminalTheFetchIsOneLineThatMovesAndEndsAt100Percent() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed (apt-get install tmux)");
        Path home = Files.createDirectories(tmp.resolve("home"));
        try (Tmux tmux = new Tmux(fleet.project, CliProcess.shellLine(Map.of("HOME", home.toString(), "TERM", "xterm"), "qa", "deploy")
                + "; echo DEPLOY-EXITED-$?; sleep 60")) {
            List<Integer> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String screen = tmux.screen();
            while (!screen.contains("DEPLOY-EXITED-") && System.nanoTime() < deadline) {
                Matcher m = LIVE.matcher(screen);
                while (m.find()) seen.add(Integer.parseInt(m.group(1)));
                Thread.sleep(150);
                screen = tmux.screen();
            }
            assertThat(screen).as("the deploy ended in time and succeeded:\n" + screen).contains("DEPLOY-EXITED-0");
            assertThat(seen).as("the line was seen moving between 0% and 100%").anyMatch(pct -> pct > 0 && pct < 100);
            assertThat(seen.stream().distinct().count()).as("it was redrawn with new figures").isGreaterThan(1);
            assertThat(screen).containsPattern("Downloaded " + Pattern.quote(url()) + "  " + Pattern.quote(mb()) + "  100%  in [0-9.]+ s \\([0-9.]+ [kM]?B/s\\)");
            assertThat(LIVE.matcher(screen).find()).as("the live line was erased, not left on the screen:\n" + screen).isFalse();
            assertThat(screen.lines().filter(l -> l.contains("Downloaded "))).hasSize(1);
        }
    }

    @Test
    void withoutATerminalTheFetchIsAStartAndAnEndLine() {
        assertThat(fleet.capstan("qa", "deploy")).as(fleet.out + fleet.err).isZero();
        assertThat(fleet.out).contains("      Downloading " + url() + " (" + mb() + ")\n")
                .containsPattern("\n      Downloaded " + Pattern.quote(url()) + "  " + Pattern.quote(mb()) + "  100%  in [0-9.]+ s \\([0-9.]+ [kM]?B/s\\)\n")
                .doesNotContain("\r", "[=", "Uploading to");
        assertThat(fleet.out.lines().filter(l -> l.contains("shop.tgz") && l.contains("Download"))).hasSize(2);
    }
}
