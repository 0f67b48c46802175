package dev.capstan.remote.backend.ssh;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessGroupMarkTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Long> groups = new ArrayList<>();
    private final ProcessGroupMark mark = new ProcessGroupMark(out, groups::add);

    private void write(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        mark.write(b, 0, b.length);
    }

    @Test
    void takesTheFirstLineOutEvenWhenItArrivesInPiecesAndPassesTheRest() throws IOException {
        write("\u0001capstan-");
        write("pgid 4242\r\nfirst line\n");
        write("\u0001capstan-pgid 1\n");
        assertThat(groups).containsExactly(4242L);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("first line\n\u0001capstan-pgid 1\n");
    }

    @Test
    void otherOutputPassesAtOnceInTheChunkItCameIn() throws IOException {
        write("name? ");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("name? ");
        assertThat(groups).isEmpty();
    }

    @Test
    void aStreamThatEndsInsideAWouldBeMarkKeepsItsBytes() throws IOException {
        write("\u0001cap");
        mark.finish();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\u0001cap");
    }

    @Test
    void theKillScriptTermsTheGroupThenKillsWhatIsLeft() {
        assertThat(RemoteProcess.killScript(77)).isEqualTo("kill -TERM -77 2>/dev/null || exit 0; i=0; while [ $i -lt 20 ]"
                + " && kill -0 -77 2>/dev/null; do sleep 0.1; i=$((i+1)); done; kill -KILL -77 2>/dev/null; exit 0");
    }
}
