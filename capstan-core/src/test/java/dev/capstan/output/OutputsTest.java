package dev.capstan.output;

import dev.capstan.remote.Verbosity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;

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
                .hasMessage("unknown format 'fancy' (use concise, pretty, dot, json)");
    }
}
