package dev.capstan.cli;

import dev.capstan.config.Configuration;
import dev.capstan.remote.Coordinator;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM or Ctrl-C while tasks run: the JVM's shutdown hook stops the run the way a failing host does (commands in
 * progress finish, none starts after them), waits for the failure handling (deploy:failed, the lock release) and says
 * whether this run's deploy lock was released. A second signal does not shorten it; SIGKILL does.
 */
final class Interruption implements AutoCloseable {
    static final long WAIT_SECONDS = Long.getLong("capstan.interrupt.wait", 60);

    private final Coordinator coordinator;
    private final Configuration config;
    private final PrintStream err;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::interrupted, "capstan-interrupted");

    Interruption(Coordinator coordinator, Configuration config, PrintStream err) {
        this.coordinator = coordinator;
        this.config = config;
        this.err = err;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void interrupted() {
        err.println();
        err.println("capstan: interrupted; commands in progress finish, nothing new starts, then the failure handling runs");
        coordinator.stop("capstan was interrupted");
        try {
            if (!finished.await(WAIT_SECONDS, TimeUnit.SECONDS)) err.println("capstan: still running after " + WAIT_SECONDS + " s; exiting");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (config.fetch("capstan_lock_token") == null) return; // this run never took the deploy lock
        if (config.fetchBoolean("capstan_locked", false)) {
            err.println("capstan: the deploy lock may still be held on some hosts; check with `capstan " + config.fetchString("stage")
                    + " deploy:status` and break it with `capstan " + config.fetchString("stage") + " deploy:unlock`");
        } else {
            err.println("capstan: this run's deploy lock was released");
        }
        err.flush();
    }

    /** The run is over (normally or not): an interruption from now on has nothing to wait for. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it now sees the run finished
        }
    }
}
