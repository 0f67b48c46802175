package dev.capstan.output;

import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogFileTest {
    @TempDir
    Path dir;

    private void run(Path path, long rotate, String name, int messages) {
        Instant t = Instant.parse("2026-11-24T07:00:00Z");
        try (LogFile log = new LogFile(path, new Masker(List::of), ZoneId.of("Europe/Paris"), rotate)) {
            log.on(new Event.RunStarted(t, "capstan " + name));
            for (int i = 0; i < messages; i++) log.on(new Event.LogMessage(t, null, Verbosity.INFO, name + " message " + i));
            log.on(new Event.RunFinished(t.plusSeconds(2), true, Duration.ofSeconds(2)));
        }
    }

    @Test
    void createsItsDirectoryAndAppendsEachRunWithABanner() throws Exception {
        Path path = dir.resolve("deep/log/capstan.log");
        run(path, LogFile.ROTATE_BYTES, "first", 1);
        run(path, LogFile.ROTATE_BYTES, "second", 1);
        assertThat(Files.readString(path, StandardCharsets.UTF_8)).isEqualTo("""
                  INFO ---------------------------------------------------------------------------
                  INFO START 2026-11-24 08:00:00 +0100 capstan first
                  INFO ---------------------------------------------------------------------------
                  INFO first message 0
                  INFO FINISHED in 2.000 seconds
                  INFO ---------------------------------------------------------------------------
                  INFO START 2026-11-24 08:00:00 +0100 capstan second
                  INFO ---------------------------------------------------------------------------
                  INFO second message 0
                  INFO FINISHED in 2.000 seconds
                """);
    }

    @Test
    void rotatesAtTheLimitKeepingOneOldFile() throws Exception {
        Path path = dir.resolve("capstan.log");
        run(path, 1000, "a", 30);
        run(path, 1000, "b", 30);
        assertThat(Files.size(path)).isLessThanOrEqualTo(1000);
        assertThat(Files.size(dir.resolve("capstan.log.1"))).isLessThanOrEqualTo(1000);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("capstan.log", "capstan.log.1");
        }
        assertThat(Files.readString(path)).endsWith("  INFO FINISHED in 2.000 seconds\n").contains("b message 29");
    }
}
