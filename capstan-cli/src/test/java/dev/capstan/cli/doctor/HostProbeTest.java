package dev.capstan.cli.doctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe script run by a real /bin/sh: what it reports, and that names from the configuration stay data. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostProbeTest {
    @TempDir Path dir;

    private HostProbe probe(String deployTo, List<String> tools) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", HostProbe.script(deployTo, tools)).directory(dir.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return HostProbe.parse(out);
    }

    @Test
    void reportsToolsPathWritabilitySpaceAndClock() throws Exception {
        HostProbe p = probe(dir.resolve("app/releases").toString(), List.of("sh", "capstan-no-such-tool"));
        assertThat(p.tool("sh")).endsWith("/sh");
        assertThat(p.tool("capstan-no-such-tool")).isEmpty();
        assertThat(p.get("path")).isEqualTo(System.getenv("PATH"));
        assertThat(p.get("exists")).isEqualTo("no");
        assertThat(p.get("existing")).isEqualTo(dir.toString());
        assertThat(p.get("writable")).isEqualTo("yes");
        assertThat(Long.parseLong(p.get("free_kb"))).isPositive();
        assertThat(Long.parseLong(p.get("epoch_ms")) / 1000).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(5L));
    }

    @Test
    void aDeployToUnderTheHomeDirectoryIsExpandedByTheHost() throws Exception {
        HostProbe p = probe("~/capstan-probe-test-does-not-exist/app", List.of());
        assertThat(p.get("existing")).isEqualTo(System.getProperty("user.home"));
    }

    @Test
    void hostileNamesAreNeverRunByTheShell() throws Exception {
        String evil = "x$(touch pwned)`touch pwned2`'\"";
        HostProbe p = probe(dir + "/$(touch pwned3)", List.of(evil));
        assertThat(p.values()).containsKey("tool:" + evil);
        assertThat(p.get("exists")).isEqualTo("no");
        try (var s = Files.list(dir)) {
            assertThat(s.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("pwned"));
        }
    }
}
