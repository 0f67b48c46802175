package dev.capstan.cli.adhoc;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM while an ad-hoc line runs ({@code exec}; SIGTERM in the console): the JVM's shutdown hook ends
 * the line on every host still running it, then waits (bounded) until the hosts have reported, so the table is
 * printed before the process exits. Open it around the run of one line.
 */
public final class StopOnExit implements AutoCloseable {
    private static final long WAIT_SECONDS = 20;

    private final AdHocRun run;
    private final PrintStream err;
    private final CountDownLatch finished = new CountDownLatch(1);
    /** Counted down when the hosts were told to stop: the connections must stay open until then. */
    private final CountDownLatch told = new CountDownLatch(1);
    private volatile boolean stopping;
    private final Thread hook = new Thread(this::interrupted, "capstan-stop-on-exit");

    public StopOnExit(AdHocRun run, PrintStream err) {
        this.run = run;
        this.err = err;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void interrupted() {
        stopping = true;
        err.println();
        err.println("capstan: interrupted; ending the command on every host still running it");
        run.stop();
        told.countDown();
        try {
            finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.flush();
    }

    /** The command is over; if an interruption is telling the hosts to stop, waits (bounded) until it has. */
    @Override
    public void close() {
        try {
            if (stopping) told.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it now sees the command finished
        }
    }
}
