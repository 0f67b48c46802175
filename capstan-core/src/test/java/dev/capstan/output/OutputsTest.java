package dev.capstan.output;

import dev.capstan.remote.Command;
import dev.capstan.remote.Host;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every console format, the log file and the report, fed the same recorded run, against golden files. */
class OutputsTest {
    @TempDir
    Path dir;

    private record Shown(String console, String log) {}

    private Shown run(String format, Verbosity level, boolean color, boolean terminal, int width, boolean withLog) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Path log = withLog ? dir.resolve("log/capstan.log") : null;
        RecordedRun run = new RecordedRun();
        try (Output output = Outputs.open(new OutputOptions(format, level, out, color, terminal, log, null,
                run.secretsSupplier(), out, width), ZoneOffset.UTC)) {
            run.replay(output);
        }
        String console = bytes.toString(StandardCharsets.UTF_8).replace(dir.toString() + "/", "");
        String logText = withLog ? Files.readString(log, StandardCharsets.UTF_8) : "";
        for (String text : new String[] {console, logText}) {
            assertThat(text).doesNotContain(RecordedRun.DB_PASSWORD, RecordedRun.ASKED, RecordedRun.URL_PASSWORD);
        }
        return new Shown(console, logText);
    }

    @Test
    void conciseShowsTasksNumberedCommandsTicksAndTheFailureWithItsLastLines() throws IOException {
        Shown shown = run("concise", Verbosity.INFO, false, false, 0, true);
        Golden.assertMatches("concise.txt", shown.console());
        assertThat(shown.console()).doesNotContain("test -d").contains("      01 web2| token [REDACTED] rejected by registry");
    }

    @Test
    void groupedShowsEachHostUnderItsNameWithoutInterleavingThenATable() throws IOException {
        Shown shown = run("grouped", Verbosity.INFO, false, false, 0, false);
        Golden.assertMatches("grouped.txt", shown.console());
        assertThat(shown.console()).doesNotContain("test -d")
                .contains("web1\n│ added 12 packages\n│ caf", "web2\n│ added 12 packages\n│ npm WARN", "1 of 2 hosts failed");
    }

    @Test
    void conciseOnATerminalColoursCutsLongLinesAndKeepsALiveStatusLine() throws IOException {
        Shown shown = run("concise", Verbosity.INFO, true, true, 72, false);
        Golden.assertMatches("concise-terminal.txt", Golden.visible(shown.console()));
        assertThat(shown.console()).contains("[parallel] 1/2 hosts done, 1 running, 0 failed").contains("…");
    }

    @Test
    void conciseAtDebugLevelShowsHiddenCommandsAndAllOutputWithHosts() throws IOException {
        Golden.assertMatches("concise-debug.txt", run("concise", Verbosity.DEBUG, false, false, 0, false).console());
    }

    @Test
    void prettyIsSshkitsLayout() throws IOException {
        Golden.assertMatches("pretty.txt", run("pretty", Verbosity.INFO, false, false, 0, false).console());
    }

    @Test
    void prettyAtDebugLevelWithColourShowsCommandsAndOutputLines() throws IOException {
        Golden.assertMatches("pretty-debug-color.txt", Golden.visible(run("pretty", Verbosity.DEBUG, true, false, 0, false).console()));
    }

    @Test
    void dotPrintsOneDotPerCommandThenASummary() throws IOException {
        Golden.assertMatches("dot.txt", run("dot", Verbosity.INFO, false, false, 0, false).console());
        Golden.assertMatches("dot-color.txt", Golden.visible(run("dot", Verbosity.INFO, true, true, 0, false).console()));
    }

    @Test
    void jsonPrintsOneObjectPerEvent() throws IOException {
        Golden.assertMatches("events.jsonl", run("json", Verbosity.INFO, false, false, 0, false).console());
    }

    @Test
    void logFileHasEverythingInThePrettyLayoutNeverCutWhateverTheConsoleShows() throws IOException {
        Shown shown = run("concise", Verbosity.INFO, true, true, 40, true);
        Golden.assertMatches("capstan.log", shown.log());
        assertThat(shown.log()).contains(RecordedRun.LONG.substring(0, 100)).doesNotContain("\u001b");
    }

    @Test
    void unknownFormatIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> Outputs.open(new OutputOptions("fancy", Verbosity.INFO, System.out, false, false, null, null, null)))
                .hasMessage("unknown format 'fancy' (use concise, pretty, dot, json, grouped)");
    }

    @Test
    void hostsOnOneMachineAreToldApartByTheirPortAndOnlyADeploySaysDeployFailed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Host a = Host.parse("deploy@127.0.0.1:2201");
        Host b = Host.parse("deploy@127.0.0.1:2202");
        Command c = new Command("c1", "false", "false", "false", "false", Verbosity.INFO, true, null);
        Instant t = RecordedRun.T0;
        try (Output output = Outputs.open(new OutputOptions("concise", Verbosity.INFO, out, false, false, null, null, null))) {
            output.on(new Event.RunStarted(t, "capstan qa deploy:check"));
            output.on(new Event.TaskStarted(t, "deploy:check"));
            output.on(new Event.BlockStarted(t, "b", List.of(a, b), "parallel"));
            output.on(new Event.CommandStarted(t, c, b));
            output.on(new Event.CommandOutput(t, c, b, Event.Stream.STDERR, "nope"));
            output.on(new Event.CommandFinished(t, c, b, 1, Duration.ofMillis(3)));
            output.on(new Event.RunFinished(t, false, Duration.ofMillis(5)));
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                00:00 deploy:check
                      01 false
                      01 127.0.0.1:2202| nope
                    ✘ 01 deploy@127.0.0.1:2202 0.003s

                ** FAILED: capstan qa deploy:check
                """);
    }
}
