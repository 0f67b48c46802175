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

    @Test
    void stopLetsRunningCommandsFinishFailsTheBlockAndLaterBlocksStillRun() throws Exception {
        Thread stopper = new Thread(() -> {
            try {
                while (!Files.exists(dir.resolve("a-started")) || !Files.exists(dir.resolve("b-started"))) Thread.sleep(10);
                coordinator.stop("capstan was interrupted");
            } catch (InterruptedException ignored) {
                // test ends
            }
        });
        stopper.start();
        assertThatThrownBy(() -> coordinator.on(List.of(host("a"), host("b")), RunMode.PARALLEL, r -> {
            String n = r.host().getHostname();
            r.execute("touch " + dir.resolve(n + "-started") + " && sleep 0.3 && touch " + dir.resolve(n + "-finished"));
            r.execute("touch", dir.resolve(n + "-next").toString());
        })).isInstanceOf(OnFailedException.class).hasMessageContaining("capstan was interrupted");
        stopper.join();
        assertThat(dir.resolve("a-finished")).as("the running command finished").exists();
        assertThat(dir.resolve("b-finished")).exists();
        assertThat(dir.resolve("a-next")).as("no next command").doesNotExist();
        assertThat(dir.resolve("b-next")).doesNotExist();

        // a stop between blocks fails the next block once; the one after runs (failure handling reaches the hosts)
        coordinator.stop("capstan was interrupted");
        assertThatThrownBy(() -> coordinator.on(List.of(host("a")), RunMode.PARALLEL, r -> r.execute("true")))
                .hasMessageContaining("capstan was interrupted");
        coordinator.on(List.of(host("a")), RunMode.PARALLEL, r -> r.execute("touch", dir.resolve("cleanup").toString()));
        assertThat(dir.resolve("cleanup")).exists();
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
