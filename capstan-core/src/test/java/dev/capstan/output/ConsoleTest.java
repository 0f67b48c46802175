package dev.capstan.output;

import dev.capstan.remote.Command;
import dev.capstan.remote.Host;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleTest {
    /** Writes byte by byte, so any line written in more than one call could interleave with another thread's. */
    private static final class SlowStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            synchronized (bytes) {
                bytes.write(b);
            }
            Thread.yield();
        }
    }

    @Test
    void linesFromParallelHostsNeverTear() throws Exception {
        SlowStream sink = new SlowStream();
        PrintStream out = new PrintStream(sink, false, StandardCharsets.UTF_8);
        int hosts = 6, lines = 150;
        try (Output output = Outputs.open(new OutputOptions("pretty", Verbosity.DEBUG, out, false, true, null, null, List::of))) {
            List<Thread> threads = new ArrayList<>();
            for (int h = 0; h < hosts; h++) {
                Host host = Host.parse("deploy@web" + h);
                Command c = new Command("id" + h, "yes", "yes", "yes", "yes", Verbosity.INFO, true, null);
                threads.add(new Thread(() -> {
                    for (int i = 0; i < lines; i++) {
                        output.on(new Event.CommandOutput(Instant.EPOCH, c, host, Event.Stream.STDOUT, host.getHostname() + " line " + i + " " + "z".repeat(40)));
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) t.join();
        }
        List<String> shown = sink.bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(shown).hasSize(hosts * lines);
        assertThat(shown).allMatch(l -> l.matches(" DEBUG \\[id(\\d)] \tweb\\1 line \\d+ z{40}"));
    }

    @Test
    void theStatusLineIsErasedBeforeEachLineAndDrawnAgainAfter() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8), new PrintStream(bytes), new Masker(List::of), false, 80);
        console.status("[parallel] 0/2 hosts done");
        console.line("hello");
        console.status(null);
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("[parallel] 0/2 hosts done\r\u001b[2Khello\n[parallel] 0/2 hosts done\r\u001b[2K");
    }
}
