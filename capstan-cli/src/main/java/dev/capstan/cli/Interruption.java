package dev.capstan.cli;

import dev.capstan.config.Configuration;
import dev.capstan.task.HeldLock;
import dev.capstan.task.TaskRunner;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIGINT (Ctrl-C), SIGTERM or SIGHUP while tasks run. The first stops the run ({@link Coordinator#stop}): the commands
 * running on the hosts are ended, nothing new starts, the failure handling runs (deploy:failed releases the lock), and
 * capstan exits 128 + the signal's number (130 SIGINT, 143 SIGTERM, 129 SIGHUP); during publishing the switch completes
 * on every host first. The second says
 * what the run still waits for, the third exits at once. Signal handlers rather than a shutdown hook: a JVM that has
 * begun shutting down ignores further signals, so a second Ctrl-C could neither be answered nor force the exit.
 */
final class Interruption implements AutoCloseable {
    private final Coordinator coordinator;
    private final Configuration config;
    /** The run's tasks, once they run: the locks their recipes hold ({@link TaskRunner#heldLocks}). */
    private volatile TaskRunner runner;
    private final PrintStream err;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private volatile Signal first;
    private volatile boolean tasksFinished;

    Interruption(Coordinator coordinator, Configuration config, PrintStream err) {
        this.coordinator = coordinator;
        this.config = config;
        this.err = err;
        // HUP too: a closed terminal or a dropped ssh session to the deploying machine stops the run the same way
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            Signal s = new Signal(name);
            try {
                previous.put(s, Signal.handle(s, this::received));
            } catch (IllegalArgumentException reserved) {
                // the JVM keeps this signal (-Xrs): its default stays
            }
        }
    }

    /** From now on a signal has nothing to stop: the output is being written, then capstan exits. */
    void tasksFinished() { tasksFinished = true; }

    void received(Signal s) {
        if (tasksFinished && first == null) {
            err.println();
            err.println("capstan: SIG" + s.getName() + " after the tasks had finished: nothing to stop");
            err.flush();
            return;
        }
        int n = received.incrementAndGet();
        if (n == 1) {
            first = s;
            err.println();
            String heldBy = coordinator.stopHeldBackBy();
            err.println("capstan: interrupted (SIG" + s.getName() + "): " + (heldBy == null
                    ? "ending the commands running on the hosts; nothing new starts, then the failure handling runs"
                    : heldBy.startsWith("deploy:publishing")
                    ? "publishing completes on every host first, then the run stops and the failure handling runs"
                    : heldBy + " completes first, then capstan exits"));
            coordinator.stop("capstan was interrupted (SIG" + s.getName() + ")");
        } else if (n == 2) {
            String waiting = coordinator.waitingFor();
            err.println("capstan: still stopping" + (waiting == null ? " (no command is running on any host)" : "; waiting for:"));
            // through the output, so the command lines are masked like every other line
            if (waiting != null) coordinator.events().on(new Event.LogMessage(Instant.now(), null, Verbosity.WARN, waiting));
            err.println("capstan: interrupt once more to exit at once (the deploy lock may then stay on the hosts)");
        } else {
            err.println("capstan: exiting at once" + (lockMayBeHeld() ? "; the deploy lock may still be held on the hosts: "
                    + checkIt() : ""));
            err.flush();
            Runtime.getRuntime().halt(128 + s.getNumber());
        }
        err.flush();
    }

    /**
     * The run is over: restores the default signal handling and says what the interrupt did.
     *
     * @return the exit status: 128 + the signal's number when a signal stopped the run, else {@code status}
     */
    int close(int status) {
        close();
        Signal s = first;
        if (s == null) return status;
        if (status == Main.OK) {
            err.println("capstan: SIG" + s.getName() + " came as the run finished: every task had completed, nothing was stopped");
            return status;
        }
        if (locks().stream().anyMatch(HeldLock::taken)) {
            err.println(lockMayBeHeld() ? "capstan: the deploy lock may still be held on some hosts: " + checkIt()
                    : "capstan: this run's deploy lock was released");
        }
        err.flush();
        return 128 + s.getNumber();
    }

    @Override
    public void close() {
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException ignored) {
                // it was never ours
            }
        });
        previous.clear();
    }

    /** The runner whose tasks this interrupt stops; its recipes say whether they hold a lock. */
    void watching(TaskRunner r) {
        runner = r;
    }

    private java.util.List<HeldLock> locks() {
        TaskRunner r = runner;
        return r == null ? java.util.List.of() : r.heldLocks();
    }

    private boolean lockMayBeHeld() {
        return locks().stream().anyMatch(l -> l.taken() && l.held());
    }

    private String checkIt() {
        String stage = config.fetchString("stage");
        return "check with `capstan " + stage + " deploy:status`, break it with `capstan " + stage + " deploy:unlock`";
    }
}
