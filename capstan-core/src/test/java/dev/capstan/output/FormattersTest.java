package dev.capstan.output;

import dev.capstan.remote.Command;
import dev.capstan.remote.Host;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.Event.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each formatter on one recorded event stream: two hosts interleaving, a failure, a secret, odd output. */
class FormattersTest {
    static final Instant T0 = Instant.parse("2026-11-24T07:00:00Z");
    static final Host WEB1 = new Host("web1", null, "deploy", Set.of("web"), Map.of(), Map.of());
    static final Host WEB2 = new Host("web2", null, "deploy", Set.of("web"), Map.of(), Map.of());

    @TempDir Path dir;

    static Command cmd(String id, String summary, Verbosity v) {
        // DEBUG commands are tests: a non-zero status is an answer, not a failure
        return new Command(id, summary.split(" ")[0], "/usr/bin/env " + summary, "/usr/bin/env " + summary, "/usr/bin/env " + summary, v,
                v != Verbosity.DEBUG, null);
    }

    static List<Event> stream() {
        Command ls = cmd("aaaa1111", "ls /srv", Verbosity.INFO);
        Command check = cmd("bbbb2222", "test -d /srv", Verbosity.DEBUG);
        Command boom = cmd("cccc3333", "sh -c boom", Verbosity.INFO);
        List<Event> e = new ArrayList<>();
        e.add(new Event.RunStarted(T0, "capstan production deploy"));
        e.add(new Event.TaskStarted(T0, "deploy:check"));
        e.add(new Event.BlockStarted(T0, "blk", List.of(WEB1, WEB2), "parallel"));
        e.add(new Event.CommandStarted(T0, ls, WEB1));
        e.add(new Event.CommandStarted(T0, ls, WEB2));
        e.add(new Event.CommandOutput(T0, ls, WEB2, Stream.STDOUT, "app"));
        e.add(new Event.CommandOutput(T0, ls, WEB1, Stream.STDOUT, "caf\uFFFD token=hunter2 https://bob:pw123@git.example.com/x.git"));
        e.add(new Event.CommandFinished(T0.plusMillis(54), ls, WEB1, 0, Duration.ofMillis(54)));
        e.add(new Event.CommandFinished(T0.plusMillis(60), ls, WEB2, 0, Duration.ofMillis(60)));
        e.add(new Event.CommandStarted(T0, check, WEB1));
        e.add(new Event.CommandFinished(T0, check, WEB1, 1, Duration.ofMillis(5)));
        e.add(new Event.LogMessage(T0, WEB1, Verbosity.WARN, "disk almost full"));
        e.add(new Event.TaskFinished(T0.plusSeconds(1), "deploy:check", Duration.ofSeconds(1), true));
        e.add(new Event.TaskStarted(T0.plusSeconds(61), "deploy:boom"));
        e.add(new Event.BlockStarted(T0.plusSeconds(61), "blk2", List.of(WEB1), "parallel"));
        e.add(new Event.CommandStarted(T0.plusSeconds(61), boom, WEB1));
        e.add(new Event.CommandOutput(T0.plusSeconds(61), boom, WEB1, Stream.STDERR, "x".repeat(300)));
        e.add(new Event.CommandOutput(T0.plusSeconds(61), boom, WEB1, Stream.STDERR, "it broke"));
        e.add(new Event.CommandFinished(T0.plusSeconds(62), boom, WEB1, 2, Duration.ofMillis(1500)));
        e.add(new Event.TaskFinished(T0.plusSeconds(62), "deploy:boom", Duration.ofSeconds(1), false));
        e.add(new Event.RunFinished(T0.plusSeconds(62), false, Duration.ofSeconds(62)));
        return e;
    }

    private String render(String format, Verbosity level, Path log, Path report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Output o = Outputs.open(new OutputOptions(format, level, new PrintStream(out, true, StandardCharsets.UTF_8), false, false,
                log, report, () -> List.of("hunter2")))) {
            stream().forEach(o::on);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void concise() {
        // the stream never closes block "blk" (two hosts), so lines keep their host
        assertThat(render("concise", Verbosity.INFO, null, null)).isEqualTo("""
                00:00 deploy:check
                      01 ls /srv
                    ✔ 01 deploy@web1 0.054s
                    ✔ 01 deploy@web2 0.060s
                      WARN  web1| disk almost full
                01:01 deploy:boom
                      01 sh -c boom
                      01 web1| %s
                      01 web1| it broke
                    ✘ 01 deploy@web1 1.500s

                ** DEPLOY FAILED: capstan production deploy
                ** Task deploy:boom failed
                """.formatted("x".repeat(300)));
    }

    @Test
    void conciseAtDebugShowsOutputWithItsHost() {
        String out = render("concise", Verbosity.DEBUG, null, null);
        assertThat(out).contains("      01 web2| app\n", "      01 web1| caf\uFFFD token=[REDACTED] https://bob:[REDACTED]@git.example.com/x.git\n",
                "      02 test -d /srv\n", "    ✔ 02 deploy@web1 0.005s\n".replace("✔", "✘"));
        assertThat(out).doesNotContain("hunter2", "pw123");
    }

    @Test
    void pretty() {
        assertThat(render("pretty", Verbosity.INFO, null, null)).isEqualTo("""
                  INFO [aaaa1111] Running /usr/bin/env ls /srv as deploy@web1
                  INFO [aaaa1111] Running /usr/bin/env ls /srv as deploy@web2
                  INFO [aaaa1111] Finished in 0.054 seconds with exit status 0 (successful).
                  INFO [aaaa1111] Finished in 0.060 seconds with exit status 0 (successful).
                  WARN disk almost full
                  INFO [cccc3333] Running /usr/bin/env sh -c boom as deploy@web1
                  INFO [cccc3333] Finished in 1.500 seconds with exit status 2 (failed).
                """);
    }

    @Test
    void dot() {
        assertThat(render("dot", Verbosity.INFO, null, null)).isEqualTo("....\n4 commands on 2 hosts, 1 failed (deploy@web1) in 62.0s: FAILED\n");
    }

    @Test
    void jsonIsOneObjectPerLineWithSecretsMasked() {
        String out = render("json", Verbosity.INFO, null, null);
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(stream().size());
        assertThat(lines.get(0)).isEqualTo("{\"event\":\"run_started\",\"at\":\"2026-11-24T07:00:00Z\",\"command\":\"capstan production deploy\"}");
        assertThat(out).contains("{\"event\":\"command_output\",\"at\":\"2026-11-24T07:00:00Z\",\"id\":\"aaaa1111\",\"host\":\"deploy@web1\",\"stream\":\"stdout\",\"line\":\"caf\uFFFD token=[REDACTED] https://bob:[REDACTED]@git.example.com/x.git\"}")
                .contains("\"event\":\"command_finished\",\"at\":\"2026-11-24T07:01:02Z\",\"id\":\"cccc3333\",\"host\":\"deploy@web1\",\"exit_status\":2,\"success\":false,\"duration_ms\":1500")
                .doesNotContain("hunter2");
    }

    @Test
    void logFileHasEverythingAndTheReportIsSelfContained() throws Exception {
        Path log = dir.resolve("log/capstan.log");
        Path report = dir.resolve("report.html");
        render("concise", Verbosity.INFO, log, report);
        String text = Files.readString(log);
        assertThat(text).contains("  INFO START 2026-11-24 07:00:00 +0000 capstan production deploy",
                " DEBUG [bbbb2222] Running /usr/bin/env test -d /srv as deploy@web1", " DEBUG [aaaa1111] \tapp",
                "  INFO [cccc3333] Finished in 1.500 seconds with exit status 2 (failed).", " ERROR FAILED in 62.000 seconds")
                .doesNotContain("hunter2");
        String html = Files.readString(report);
        assertThat(html).startsWith("<!doctype html>").contains(">failed<", "deploy@web1", "it broke", "exit 2")
                .doesNotContain("hunter2", "<script");
    }
}
