package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.Ending;
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
        assertThat(RemoteProcess.killScript(77, Ending.TERMINATE, null)).isEqualTo("s() { kill -$1 -77 2>/dev/null; }; "
                + "s TERM || exit 0; i=0; while [ $i -lt 20 ] && s 0; do sleep 0.1; i=$((i+1)); done; s KILL; exit 0");
    }

    @Test
    void anInterruptSendsIntFirstAndACommandRunAsAnotherUserIsSignalledWithItsRights() {
        assertThat(RemoteProcess.killScript(77, Ending.INTERRUPT, "app user")).isEqualTo("s() { kill -$1 -77 2>/dev/null; r=$?; "
                + "sudo -n -u app\\ user kill -$1 -- -77 2>/dev/null || return $r; }; "
                + "s INT || exit 0; i=0; while [ $i -lt 20 ] && s 0; do sleep 0.1; i=$((i+1)); done; "
                + "s TERM || exit 0; i=0; while [ $i -lt 20 ] && s 0; do sleep 0.1; i=$((i+1)); done; s KILL; exit 0");
    }

    @Test
    void aSignalsExitStatusIsTheShells() {
        assertThat(SignalStatus.of("INT")).isEqualTo(130);
        assertThat(SignalStatus.of("SIGTERM")).isEqualTo(143);
        assertThat(SignalStatus.of("KILL")).isEqualTo(137);
        assertThat(SignalStatus.of("HUP")).isEqualTo(129);
        assertThat(SignalStatus.of("USR1")).as("numbered differently on Linux and the BSDs").isEqualTo(-1);
    }
}
