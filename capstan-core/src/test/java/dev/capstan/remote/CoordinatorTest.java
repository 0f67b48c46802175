package dev.capstan.remote;

import dev.capstan.remote.backend.local.LocalBackend;
import dev.capstan.remote.event.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoordinatorTest {
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final LocalBackend local = new LocalBackend();
    private final Coordinator coordinator = new Coordinator(h -> local, RemoteSettings.defaults(), events::add);

    @TempDir Path dir;

    @AfterEach
    void close() { coordinator.close(); }

    private static Host host(String name) {
        return new Host(name, null, "deploy", Set.of("app"), Map.of("backend", "local"), Map.of());
    }

    /** Stops the coordinator once every named marker exists (the commands are then running). */
    private final java.util.concurrent.atomic.AtomicReference<String> waitingWhenStopped = new java.util.concurrent.atomic.AtomicReference<>();

    private Thread stopWhenStarted(String... markers) {
        Thread stopper = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (!java.util.Arrays.stream(markers).allMatch(m -> Files.exists(dir.resolve(m))) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                coordinator.stop("capstan was interrupted");
                waitingWhenStopped.set(coordinator.waitingFor());
            } catch (InterruptedException ignored) {
                // test ends
            }
        });
        stopper.start();
        return stopper;
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void anInterruptOfALocalCommandSendsIntFirstThenTermToWhatIgnoresIt() throws Exception {
        Host h = host("a");
        Command c = new CommandBuilder(new CommandMap()).build(List.of("trap 'echo INT > " + dir.resolve("got")
                + "; exit 9' INT; sleep 30 & echo $! > " + dir.resolve("sleep.pid") + "; wait"), CommandContext.EMPTY, Verbosity.INFO, false);
        Thread stopper = new Thread(() -> {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!Files.exists(dir.resolve("sleep.pid")) && System.nanoTime() < deadline) Thread.onSpinWait();
            local.abort(h, c, Ending.INTERRUPT);
        });
        stopper.start();
        assertThat(local.run(h, c, (stream, data) -> null).exitStatus()).as("the trap ran and chose the status").isEqualTo(9);
        stopper.join();
        assertThat(dir.resolve("got")).content().isEqualToIgnoringNewLines("INT");
        long pid = Long.parseLong(Files.readString(dir.resolve("sleep.pid")).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("TERM ended the background sleep").isFalse();
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void stopEndsTheRunningCommandsFailsTheBlockAndFailureHandlingStillRuns() throws Exception {
        Thread stopper = stopWhenStarted("a-started", "b-started");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> coordinator.on(List.of(host("a"), host("b")), RunMode.PARALLEL, r -> {
            String n = r.host().getHostname();
            r.execute("touch " + dir.resolve(n + "-started") + " && sleep 30 && touch " + dir.resolve(n + "-finished"));
            r.execute("touch", dir.resolve(n + "-next").toString());
        })).isInstanceOf(OnFailedException.class)
                .hasMessageContaining("was ended on the host (capstan was interrupted)");
        stopper.join();
        assertThat((System.nanoTime() - t0) / 1e9).as("the sleep was ended, not waited out").isLessThan(20);
        for (String n : List.of("a", "b")) {
            assertThat(dir.resolve(n + "-finished")).as("the running command was ended").doesNotExist();
            assertThat(dir.resolve(n + "-next")).as("no next command").doesNotExist();
        }
        assertThat(coordinator.stop("again")).as("a second stop changes nothing").isFalse();
        // the failure has been raised: failure handling (releasing a lock) reaches the hosts
        coordinator.on(List.of(host("a")), RunMode.PARALLEL, r -> r.execute("touch", dir.resolve("cleanup").toString()));
        assertThat(dir.resolve("cleanup")).exists();
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aTimedOutLocalCommandIsEndedWithEverythingItStarted() throws Exception {
        int n = 7000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(2000);
        assertThatThrownBy(() -> coordinator.on(List.of(host("a")), RunMode.PARALLEL,
                r -> r.execute(Map.of("timeout", 1), "sleep " + n + " & sleep " + (n + 1) + "; true")))
                .hasMessageContaining("timed out after 1.0 s");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").matches(".*sleep " + n + "\\b.*"))) {
            assertThat(System.nanoTime()).as("the background sleep was ended too").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aStopCutsAnUploadShortAtItsNextChunk() throws Exception {
        // an endless upload, 64 KiB every 20 ms: without the stop it would never end
        java.io.InputStream endless = new java.io.InputStream() {
            @Override public int read() { return 'x'; }
            @Override public int read(byte[] b, int off, int len) {
                try {
                    if (!Files.exists(dir.resolve("uploading"))) Files.createFile(dir.resolve("uploading"));
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        Thread stopper = stopWhenStarted("uploading");
        assertThatThrownBy(() -> coordinator.on(List.of(host("a")), RunMode.PARALLEL, r -> r.upload(endless, dir.resolve("big").toString()))).isInstanceOf(OnFailedException.class).hasMessageContaining("the upload of (data) was cut short (capstan was interrupted)");
        stopper.join();
    }

    @Test
    void aStopBetweenBlocksFailsTheNextBlockOrCheckOnce() {
        coordinator.stop("capstan was interrupted");
        assertThatThrownBy(() -> coordinator.on(List.of(host("a")), RunMode.PARALLEL, r -> r.execute("touch", dir.resolve("x").toString())))
                .hasMessageContaining("capstan was interrupted");
        assertThat(dir.resolve("x")).as("nothing new starts").doesNotExist();
        coordinator.checkStopped("before deploy:updated"); // already raised: nothing to raise again
        coordinator.on(List.of(host("a")), RunMode.PARALLEL, r -> r.execute("touch", dir.resolve("cleanup").toString()));
        assertThat(dir.resolve("cleanup")).exists();

        Coordinator other = new Coordinator(h -> local, RemoteSettings.defaults(), events::add);
        other.stop("capstan was interrupted (SIGTERM)");
        assertThatThrownBy(() -> other.checkStopped("before deploy:publishing")).isInstanceOf(RunStoppedException.class)
                .hasMessage("stopped before deploy:publishing: capstan was interrupted (SIGTERM)");
        other.close();
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aStopWhileCompletingWaitsForTheSectionThenIsRaised() throws Exception {
        Thread stopper = stopWhenStarted("switching");
        assertThatThrownBy(() -> coordinator.completing("deploy:publishing", () -> coordinator.on(List.of(host("a"), host("b")),
                RunMode.PARALLEL, r -> {
                    r.execute("touch " + dir.resolve("switching") + " && sleep 0.5");
                    r.execute("touch", dir.resolve(r.host().getHostname() + "-switched").toString());
                }))).isInstanceOf(RunStoppedException.class).hasMessageContaining("after deploy:publishing completed");
        stopper.join();
        assertThat(dir.resolve("a-switched")).as("the section completed on every host").exists();
        assertThat(dir.resolve("b-switched")).exists();
        coordinator.on(List.of(host("a")), RunMode.PARALLEL, r -> r.execute("true")); // raised once
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void failureHandlingIsNotCutShortByAStopAndTheSecondStopSaysWhatRuns() throws Exception {
        Thread stopper = stopWhenStarted("unlocking");
        coordinator.handlingFailure(() -> coordinator.on(List.of(host("a")), RunMode.PARALLEL, r -> {
            r.execute("touch " + dir.resolve("unlocking") + " && sleep 0.5 && touch " + dir.resolve("unlocked"));
            r.execute("touch", dir.resolve("after").toString());
        }));
        stopper.join();
        assertThat(waitingWhenStopped.get()).startsWith("touch " + dir.resolve("unlocking") + " && sleep 0.5").contains(" on deploy@a (for 0 s)");
        assertThat(dir.resolve("unlocked")).exists();
        assertThat(dir.resolve("after")).exists();
    }

    @Test
    void runsTheBlockOncePerDistinctHostInParallel() throws Exception {
        coordinator.on(List.of(host("a"), host("b"), host("a")), RunMode.PARALLEL,
                r -> r.execute("touch", dir.resolve(r.host().getHostname()).toString()));
        assertThat(Files.exists(dir.resolve("a"))).isTrue();
        assertThat(Files.exists(dir.resolve("b"))).isTrue();
        assertThat(events).filteredOn(e -> e instanceof Event.CommandFinished).hasSize(2);
    }

    @Test
    void aFailingHostStopsTheOthersBeforeTheirNextCommandAndEveryErrorIsListed() {
        Path marker = dir.resolve("second-command-ran");
        assertThatThrownBy(() -> coordinator.on(List.of(host("bad"), host("good")), RunMode.PARALLEL, r -> {
            if (r.host().getHostname().equals("bad")) {
                r.execute("sh", "-c", "echo broken >&2; exit 3");
            } else {
                r.execute("sleep", "0.5");
                r.execute("touch", marker.toString());
            }
        }))
                .isInstanceOf(OnFailedException.class)
                .hasMessageContaining("failed on deploy@bad")
                .hasMessageContaining("exit status: 3")
                .hasMessageContaining("broken")
                .hasMessageContaining("stopped early on 1 host(s): deploy@good");
        assertThat(marker).doesNotExist();
    }

    @Test
    void failuresOnSeveralHostsAreAllReported() {
        assertThatThrownBy(() -> coordinator.on(List.of(host("x"), host("y")), RunMode.PARALLEL,
                r -> r.execute("false")))
                .isInstanceOf(OnFailedException.class)
                .satisfies(e -> assertThat(((OnFailedException) e).failures()).hasSize(2))
                .hasMessageContaining("failed on 2 hosts")
                .hasMessageContaining("deploy@x").hasMessageContaining("deploy@y");
    }

    @Test
    void sequenceStopsAtTheFirstFailingHost() {
        Path third = dir.resolve("c");
        assertThatThrownBy(() -> coordinator.on(List.of(host("a"), host("b"), host("c")),
                new RunMode.Sequence(java.time.Duration.ZERO), r -> {
                    if (r.host().getHostname().equals("b")) r.execute("false");
                    r.execute("touch", dir.resolve(r.host().getHostname()).toString());
                })).isInstanceOf(OnFailedException.class);
        assertThat(dir.resolve("a")).exists();
        assertThat(third).doesNotExist();
    }

    @Test
    void groupsRunLimitHostsAtATime() {
        List<Event> started = events;
        coordinator.on(List.of(host("a"), host("b"), host("c")), new RunMode.Groups(2, java.time.Duration.ZERO),
                r -> r.execute("true"));
        // each group is its own parallel batch: host c starts only after a and b finished
        List<String> order = new ArrayList<>();
        for (Event e : started) {
            if (e instanceof Event.CommandStarted s) order.add("start " + s.host().getHostname());
            if (e instanceof Event.CommandFinished f) order.add("end " + f.host().getHostname());
        }
        assertThat(order.indexOf("start c")).isGreaterThan(order.indexOf("end a")).isGreaterThan(order.indexOf("end b"));
    }

    @Test
    void runModeOptionsFollowSshkitDefaults() {
        assertThat(RunMode.of(Map.of())).isEqualTo(RunMode.PARALLEL);
        assertThat(RunMode.of(Map.of("in", "sequence"))).isEqualTo(new RunMode.Sequence(java.time.Duration.ofSeconds(2)));
        assertThat(RunMode.of(Map.of("in", "groups", "limit", 5, "wait", 0.5)))
                .isEqualTo(new RunMode.Groups(5, java.time.Duration.ofMillis(500)));
        assertThatThrownBy(() -> RunMode.of(Map.of("in", "sideways"))).hasMessageContaining("unknown run mode in: 'sideways'");
    }
}
