package dev.capstan.output;

import dev.capstan.remote.Coordinator;
import dev.capstan.remote.Host;
import dev.capstan.remote.OnFailedException;
import dev.capstan.remote.RemoteSettings;
import dev.capstan.remote.RunMode;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.backend.local.LocalBackend;
import dev.capstan.remote.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The concise console and the log file fed by a real run: real shells on three local "hosts" in parallel. */
class OutputsIT {
    @TempDir
    Path dir;

    private static Host host(String name) {
        return new Host(name, null, "deploy", Set.of("app"), Map.of("backend", "local"), Map.of());
    }

    @Test
    void parallelRealOutputStaysWholeTaggedMaskedAndTheFailureIsShown() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Path log = dir.resolve("log/capstan.log");
        String script = "printf 'caf\\377 bytes\\n'; i=0; while [ $i -lt 200 ]; do echo \"$HOSTNAME_ line $i token=sekret-42\"; i=$((i+1)); done;"
                + " [ \"$HOSTNAME_\" = web3 ] && { echo 'web3 is broken' >&2; exit 4; }; true";
        try (Output output = Outputs.open(new OutputOptions("concise", Verbosity.DEBUG, out, false, false, log, dir.resolve("r.html"),
                () -> List.of("sekret-42")));
             Coordinator coordinator = new Coordinator(h -> new LocalBackend(), RemoteSettings.defaults(), output)) {
            Instant t = Instant.now();
            output.on(new Event.RunStarted(t, "capstan test build"));
            output.on(new Event.TaskStarted(t, "build"));
            assertThatThrownBy(() -> coordinator.on(List.of(host("web1"), host("web2"), host("web3")), RunMode.PARALLEL,
                    r -> r.with(Map.of("hostname_", r.host().getHostname()), () -> r.execute("sh", "-c", script))))
                    .isInstanceOf(OnFailedException.class);
            output.on(new Event.TaskFinished(Instant.now(), "build", Duration.ofSeconds(1), false));
            output.on(new Event.RunFinished(Instant.now(), false, Duration.ofSeconds(1)));
        }
        String console = bytes.toString(StandardCharsets.UTF_8);
        String body = console.substring(0, console.indexOf("\n** "));
        for (String line : body.lines().toList()) {
            assertThat(line).matches("00:0\\d build|      01 sh -c .*|      01 web\\d\\| (caf\uFFFD bytes|web\\d line \\d+ token=\\[REDACTED]|web3 is broken)"
                    + "|    [✔✘] 01 deploy@web\\d \\d+\\.\\d{3}s|      ERROR deploy@web3: sh exit status: 4 on deploy@web3");
        }
        for (String h : List.of("web1", "web2", "web3")) {
            assertThat(body.lines().filter(l -> l.startsWith("      01 " + h + "| " + h + " line "))).hasSize(200);
        }
        assertThat(body).contains("    ✘ 01 deploy@web3", "    ✔ 01 deploy@web1", "    ✔ 01 deploy@web2");
        assertThat(console).contains("** FAILED: capstan test build", "** Task build failed on deploy@web3");
        String logText = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(logText).contains(" DEBUG [", "\tcaf\uFFFD bytes", "Finished in ", "with exit status 4 (failed).");
        for (String text : List.of(console, logText, Files.readString(dir.resolve("r.html")))) assertThat(text).doesNotContain("sekret-42");
    }
}
