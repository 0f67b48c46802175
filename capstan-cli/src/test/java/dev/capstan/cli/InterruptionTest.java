package dev.capstan.cli;

import dev.capstan.config.Configuration;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.RemoteSettings;
import dev.capstan.remote.backend.local.LocalBackend;
import dev.capstan.task.HeldLock;
import dev.capstan.task.TaskRegistry;
import dev.capstan.task.TaskRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What capstan says and returns after a signal: only what is true (the handler is called directly, no signal is raised). */
class InterruptionTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final LocalBackend local = new LocalBackend();
    private final Coordinator coordinator = new Coordinator(h -> local, RemoteSettings.defaults(), e -> {});
    private final Configuration config = new Configuration();

    @AfterEach
    void close() { coordinator.close(); }

    private String said() { return bytes.toString(StandardCharsets.UTF_8); }

    @Test
    void aSignalAfterTheTasksFinishedStopsNothingAndKeepsTheRunsStatus() {
        Interruption i = new Interruption(coordinator, config, err);
        i.tasksFinished();
        i.received(new Signal("TERM"));
        assertThat(i.close(Main.OK)).isEqualTo(Main.OK);
        assertThat(said()).contains("capstan: SIGTERM after the tasks had finished: nothing to stop").doesNotContain("interrupted");
        assertThat(coordinator.stopped()).isFalse();
    }

    @Test
    void aSignalAsTheLastTaskCompletedSaysNothingWasStopped() {
        Interruption i = new Interruption(coordinator, config, err);
        i.received(new Signal("INT"));
        assertThat(coordinator.stopped()).isTrue();
        i.tasksFinished();
        assertThat(i.close(Main.OK)).isEqualTo(Main.OK);
        assertThat(said()).contains("capstan: SIGINT came as the run finished: every task had completed, nothing was stopped");
    }

    @Test
    void aStoppedRunExits128PlusTheSignalAndSaysWhetherTheLockWasReleased() {
        config.set("stage", "production");
        Lock lock = new Lock();
        lock.held = true; // a host could not be reached by deploy:failed
        Interruption i = new Interruption(coordinator, config, err);
        i.watching(runWith(lock));
        i.received(new Signal("TERM"));
        assertThat(i.close(Main.FAILED)).isEqualTo(143);
        assertThat(said()).contains("capstan: interrupted (SIGTERM): ending the commands running on the hosts",
                "capstan: the deploy lock may still be held on some hosts: check with `capstan production deploy:status`")
                .doesNotContain("was released");

        bytes.reset();
        lock.held = false;
        Interruption j = new Interruption(new Coordinator(h -> local, RemoteSettings.defaults(), e -> {}), config, err);
        j.watching(runWith(lock));
        j.received(new Signal("INT"));
        assertThat(j.close(Main.FAILED)).isEqualTo(130);
        assertThat(said()).contains("capstan: this run's deploy lock was released");
    }

    @Test
    void aRunThatTookNoLockSaysNothingAboutOne() {
        Interruption i = new Interruption(coordinator, config, err);
        i.watching(runWith(new Lock() {{ taken = false; }}));
        i.received(new Signal("TERM"));
        assertThat(i.close(Main.FAILED)).isEqualTo(143);
        assertThat(said()).doesNotContain("deploy lock");
    }

    /** A recipe's lock as the CLI sees it: through the interface its run state implements, not a variable name. */
    static class Lock implements HeldLock {
        boolean taken = true;
        boolean held;

        @Override public boolean taken() { return taken; }

        @Override public boolean held() { return held; }
    }

    private TaskRunner runWith(Lock lock) {
        TaskRunner runner = new TaskRunner(new TaskRegistry(), config, coordinator, t -> {}, w -> {});
        runner.state(Lock.class, () -> lock);
        return runner;
    }

    @Test
    void aSecondSignalSaysThatNothingRunsWhenNothingDoes() {
        Interruption i = new Interruption(coordinator, config, err);
        i.received(new Signal("INT"));
        i.received(new Signal("INT"));
        i.close(Main.FAILED);
        assertThat(said()).contains("capstan: still stopping (no command is running on any host)",
                "capstan: interrupt once more to exit at once");
    }
}
