package dev.capstan.output;

import dev.capstan.remote.Host;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress of a push deploy's fetch and of its uploads: one line redrawn in place on a terminal, at most ten
 * times a second; without a terminal only a line when the download starts and one when it ends.
 */
@Timeout(30)
class TransferProgressLineTest {
    private static final String URL = "https://builds.example.com/shop/shop-1.4.2.tgz";
    private static final long MB = 1_000_000;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8), new Masker(List::of), false);

    private String shown() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static Event.TransferProgress fetch(long done, long total) {
        return new Event.TransferProgress(Instant.now(), Host.local(), "artifact-1", Event.Direction.DOWNLOAD, URL, done, total);
    }

    private static Event.TransferProgress upload(String host, long done) {
        return new Event.TransferProgress(Instant.now(), new Host(host, null, "deploy", Set.of("app"), Map.of(), Map.of()),
                "up-" + host, Event.Direction.UPLOAD, "shop-1.4.2.tgz -> /srv/shop/shared/artifacts/x.part", done, 5 * MB);
    }

    /** The download in 1000 reports as fast as they come, as a fast server would send them. */
    private static void download(LiveStatus live, long total) {
        live.on(fetch(0, total));
        for (int i = 1; i < 1000; i++) live.on(fetch(5 * MB * i / 1000, total));
        live.on(fetch(5 * MB, 5 * MB));
    }

    @Test
    void withoutATerminalADownloadIsAStartAndAnEndLineOnly() {
        try (LiveStatus live = new LiveStatus(console, false, 600, new long[] {600})) {
            download(live, 5 * MB);
            upload(live);
        }
        assertThat(shown().lines().toList()).hasSize(2);
        assertThat(shown()).startsWith("      Downloading " + URL + " (5.0 MB)\n")
                .containsPattern("\n      Downloaded " + URL + "  5\\.0 MB  100%  in [0-9.]+ s \\([0-9.]+ [kMG]?B/s\\)\n$")
                .doesNotContain("\r", "[=", "Uploading");
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAtMostTenTimesASecondAndEndsAt100Percent() {
        long started = System.nanoTime();
        try (LiveStatus live = new LiveStatus(console, true, 600, new long[] {600})) {
            download(live, 5 * MB);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String out = shown();
        long draws = out.split("Downloading shop-1\\.4\\.2\\.tgz", -1).length - 1;
        assertThat(draws).as("1000 reports in %.2f s", seconds).isBetween(1L, (long) (seconds * 10) + 2);
        assertThat(out).contains("Downloading shop-1.4.2.tgz  [>                   ]  0%  0 B / 5.0 MB  – MB/s")
                .doesNotContain("\n      Downloading " + URL)
                .containsPattern("\r\u001b\\[2K      Downloaded " + URL + "  5\\.0 MB  100%  in [0-9.]+ s \\([0-9.]+ [kMG]?B/s\\)\n");
        assertThat(out).as("the line is gone at the end").endsWith("\r\u001b[2K");
    }

    @Test
    void unknownSizeShowsBytesAndRate() {
        TransferMeter meter = new TransferMeter();
        meter.update(fetch(0, -1), 0);
        meter.update(fetch(3 * MB, -1), 2_000_000_000L);
        assertThat(meter.live(2_000_000_000L)).isEqualTo("Downloading shop-1.4.2.tgz  3.0 MB  1.5 MB/s");
    }

    @Test
    void uploadsAreSummedOverTheBlocksHostsUntilItEnds() {
        TransferMeter meter = new TransferMeter();
        meter.update(upload("web1", 0), 0);
        meter.update(upload("web2", 0), 0);
        meter.update(upload("web1", 5 * MB), 1_000_000_000L);
        meter.update(upload("web2", 2 * MB), 1_000_000_000L);
        assertThat(meter.live(1_000_000_000L)).isEqualTo("Uploading to 2 hosts  [==============>     ]  70%  7.0 MB / 10.0 MB  7.0 MB/s");
        meter.blockEnded();
        assertThat(meter.live(1_000_000_000L)).isNull();
    }

    @Test
    void onATerminalUploadsLeadTheBlocksStatus() {
        try (LiveStatus live = new LiveStatus(console, true, 600, new long[] {600})) {
            Host web1 = new Host("web1", null, "deploy", Set.of("app"), Map.of(), Map.of());
            Host web2 = new Host("web2", null, "deploy", Set.of("app"), Map.of(), Map.of());
            live.on(new Event.BlockStarted(Instant.now(), "b1", List.of(web1, web2), "parallel"));
            live.on(upload("web1", 0));
            assertThat(shown()).endsWith("      Uploading to 1 host  [>                   ]  0%  0 B / 5.0 MB  – MB/s · [parallel] 0/2 hosts done, 2 running, 0 failed");
            live.on(new Event.BlockFinished(Instant.now(), "b1", true));
            assertThat(shown()).endsWith("\r\u001b[2K");
        }
    }

    @Test
    void aDownloadCutShortLeavesTheLineWhenItsTaskEnds() {
        try (LiveStatus live = new LiveStatus(console, true, 600, new long[] {600})) {
            live.on(new Event.TaskStarted(Instant.now(), "artifact:create_release"));
            live.on(fetch(0, 5 * MB));
            assertThat(shown()).contains("Downloading shop-1.4.2.tgz");
            live.on(new Event.TaskFinished(Instant.now(), "artifact:create_release", java.time.Duration.ZERO, false));
            assertThat(shown()).endsWith("\r\u001b[2K").doesNotContain("Downloaded");
        }
    }

    @Test
    void aboveInfoNoLinesAreAdded() {
        try (LiveStatus live = new LiveStatus(console, false, Verbosity.WARN, "      ")) {
            download(live, 5 * MB);
        }
        assertThat(shown()).isEmpty();
    }

    @Test
    void prettySaysItInItsOwnLayoutOnceAndTheLogFileKeepsItsLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path log = tmp.resolve("capstan.log");
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Output o = Outputs.open(new OutputOptions("pretty", Verbosity.INFO, out, false, false, log, null, List::of, out, 0))) {
            o.on(fetch(0, 5 * MB));
            o.on(fetch(5 * MB, 5 * MB));
        }
        assertThat(shown()).startsWith("  INFO Downloading " + URL + " (5.0 MB)\n").containsPattern("\n  INFO Downloaded " + URL + "  5\\.0 MB  100%");
        assertThat(shown().lines().toList()).hasSize(2);
        assertThat(java.nio.file.Files.readString(log)).contains("  INFO Downloading " + URL + " 100.0% as ");
    }

    private void upload(LiveStatus live) {
        live.on(upload("web1", 0));
        live.on(upload("web1", 5 * MB));
    }
}
