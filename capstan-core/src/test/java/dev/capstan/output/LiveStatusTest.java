package dev.capstan.output;

import dev.capstan.remote.Command;
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

/** A hung command is named with its task, hosts and duration: in the status line on a terminal, as a line otherwise. */
class LiveStatusTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8), new Masker(List::of), false);
    private final Command sleep = new Command("c0ffee01", "sleep", "/usr/bin/env sleep 600", "sleep 600", "sleep 600",
            Verbosity.INFO, true, null);

    private static Host host(String name) {
        return new Host(name, null, "deploy", Set.of("app"), Map.of(), Map.of());
    }

    private String shown() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private void awaitShown(String text) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!shown().contains(text) && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(shown()).contains(text);
    }

    private void start(LiveStatus live) {
        Instant now = Instant.now();
        live.on(new Event.TaskStarted(now, "deploy:updating"));
        live.on(new Event.BlockStarted(now, "b1", List.of(host("web1"), host("web2"), host("web3")), "parallel"));
        live.on(new Event.CommandStarted(now, sleep, host("web1")));
        live.on(new Event.CommandStarted(now, sleep, host("web2")));
        live.on(new Event.CommandStarted(now, sleep, host("web3")));
        live.on(new Event.CommandFinished(now, sleep, host("web1"), 0, java.time.Duration.ZERO));
        live.on(new Event.HostFinished(now, "b1", host("web1"), null));
    }

    @Test
    @Timeout(30)
    void notOnATerminalAHungCommandIsPrintedAsALineNowAndThen() throws Exception {
        try (LiveStatus live = new LiveStatus(console, false, 1, new long[] {1, 600})) {
            start(live);
            awaitShown("      still running: deploy:updating  sleep 600 on deploy@web2, deploy@web3  ");
            assertThat(shown()).containsPattern("still running: deploy:updating  sleep 600 on deploy@web2, deploy@web3  \\d+ s\n");
            Thread.sleep(2500);
            assertThat(shown().split("still running", -1)).as("once, not every second").hasSize(2);
            live.on(new Event.CommandFinished(Instant.now(), sleep, host("web2"), 0, java.time.Duration.ZERO));
        }
    }

    @Test
    @Timeout(30)
    void onATerminalTheStatusLineNamesWhatRunsWhereAndForHowLong() throws Exception {
        try (LiveStatus live = new LiveStatus(console, true, 1, new long[] {1})) {
            start(live);
            assertThat(shown()).endsWith("[parallel] 1/3 hosts done, 2 running, 0 failed");
            awaitShown("[parallel] 1/3 hosts done, 2 running, 0 failed · deploy:updating  sleep 600 on deploy@web2, deploy@web3  ");
            assertThat(shown()).containsPattern("· deploy:updating  sleep 600 on deploy@web2, deploy@web3  \\d+ s");
            assertThat(shown()).doesNotContain("still running:");
            live.on(new Event.CommandFinished(Instant.now(), sleep, host("web2"), 0, java.time.Duration.ZERO));
            live.on(new Event.CommandFinished(Instant.now(), sleep, host("web3"), 0, java.time.Duration.ZERO));
            assertThat(shown()).as("the slow command left the line when it ended")
                    .endsWith("\r\u001b[2K      [parallel] 1/3 hosts done, 2 running, 0 failed");
        }
    }

    @Test
    @Timeout(30)
    void aLongStepOnOneHostShowsItsTimeAndTheLastLineItPrinted() throws Exception {
        try (LiveStatus live = new LiveStatus(console, true, 1, new long[] {1})) {
            Instant now = Instant.now();
            live.on(new Event.TaskStarted(now, "git:clone"));
            live.on(new Event.CommandStarted(now, sleep, host("web1")));
            live.on(new Event.CommandOutput(now, sleep, host("web1"), Event.Stream.STDERR, "Receiving objects:  40% (400/1000)"));
            awaitShown("      git:clone  sleep 600 on deploy@web1  ");
            awaitShown(" s  › Receiving objects: 40% (400/1000)");
            live.on(new Event.CommandFinished(Instant.now(), sleep, host("web1"), 0, java.time.Duration.ZERO));
        }
    }
}
