package dev.capstan.remote;

import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an {@code on} block on hosts with a {@link RunMode}. In parallel mode, when one host fails
 * the others finish the command they are running and stop; the block then fails with every host's
 * error listed ({@link OnFailedException}).
 */
public final class Coordinator implements AutoCloseable {
    private final BackendProvider backends;
    private final RemoteSettings settings;
    private final EventListener events;
    private final ExecutorService pool;

    public Coordinator(BackendProvider backends, RemoteSettings settings, EventListener events) {
        this.backends = backends;
        this.settings = settings;
        this.events = events;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "capstan-host-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public RemoteSettings settings() { return settings; }

    public EventListener events() { return events; }

    /** Runs {@code block} on each distinct host; returns when every host is done or raises. */
    public void on(Collection<Host> hosts, RunMode mode, HostBlock block) {
        on(hosts, mode, block, true);
    }

    /**
     * As {@link #on(Collection, RunMode, HostBlock)}; with {@code stopOthersOnFailure} false a failing host does not
     * stop the others (for best-effort work such as releasing a lock on every host that can be reached).
     */
    public void on(Collection<Host> hosts, RunMode mode, HostBlock block, boolean stopOthersOnFailure) {
        List<Host> distinct = new ArrayList<>(new LinkedHashSet<>(hosts));
        if (distinct.isEmpty()) return;
        String blockId = CommandBuilder.newId();
        events.on(new Event.BlockStarted(Instant.now(), blockId, distinct, modeName(mode)));
        List<HostFailure> failures = new ArrayList<>();
        List<Host> stopped = new ArrayList<>();
        try {
            if (mode instanceof RunMode.Sequence s) runInSequence(blockId, distinct, s.pause(), block, failures, stopOthersOnFailure);
            else if (mode instanceof RunMode.Groups g) runInGroups(blockId, distinct, g, block, failures, stopped, stopOthersOnFailure);
            else runTogether(blockId, distinct, block, failures, stopped, stopOthersOnFailure);
        } finally {
            events.on(new Event.BlockFinished(Instant.now(), blockId, failures.isEmpty()));
        }
        if (!failures.isEmpty()) throw new OnFailedException(failures, stopped);
    }

    private void runTogether(String blockId, List<Host> hosts, HostBlock block, List<HostFailure> failures, List<Host> stopped,
                             boolean stopOthers) {
        Cancellation shared = new Cancellation();
        List<Future<Throwable>> futures = new ArrayList<>();
        for (Host h : hosts) {
            Cancellation c = stopOthers ? shared : new Cancellation();
            futures.add(pool.submit(() -> runOne(blockId, h, block, c)));
        }
        for (int i = 0; i < hosts.size(); i++) {
            Throwable t = await(futures.get(i));
            if (t instanceof Cancellation.CancelledException) stopped.add(hosts.get(i));
            else if (t != null) failures.add(new HostFailure(hosts.get(i), t));
        }
    }

    private void runInSequence(String blockId, List<Host> hosts, Duration wait, HostBlock block, List<HostFailure> failures,
                               boolean stopOthers) {
        for (int i = 0; i < hosts.size(); i++) {
            Throwable t = runOne(blockId, hosts.get(i), block, new Cancellation());
            if (t != null) {
                failures.add(new HostFailure(hosts.get(i), t));
                if (stopOthers) return;
            }
            if (i < hosts.size() - 1) sleep(wait);
        }
    }

    private void runInGroups(String blockId, List<Host> hosts, RunMode.Groups g, HostBlock block,
                             List<HostFailure> failures, List<Host> stopped, boolean stopOthers) {
        for (int from = 0; from < hosts.size(); from += g.limit()) {
            runTogether(blockId, hosts.subList(from, Math.min(hosts.size(), from + g.limit())), block, failures, stopped, stopOthers);
            if (stopOthers && !failures.isEmpty()) return;
            if (from + g.limit() < hosts.size()) sleep(g.pause());
        }
    }

    private Throwable runOne(String blockId, Host host, HostBlock block, Cancellation cancellation) {
        Remote remote = new Remote(host, backends.backendFor(host), settings, events, cancellation);
        Throwable error = null;
        try {
            block.run(remote);
        } catch (Throwable t) {
            error = t;
            if (!(t instanceof Cancellation.CancelledException)) {
                cancellation.cancel("another host failed (" + host.label() + ")");
            }
        }
        events.on(new Event.HostFinished(Instant.now(), blockId, host, error));
        return error;
    }

    private static Throwable await(Future<Throwable> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) return;
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String modeName(RunMode mode) {
        if (mode instanceof RunMode.Sequence) return "sequence";
        if (mode instanceof RunMode.Groups) return "groups";
        return "parallel";
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
