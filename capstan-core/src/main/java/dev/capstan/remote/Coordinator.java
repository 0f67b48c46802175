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
    private final java.util.Set<Cancellation> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile String pendingStop;

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

    /**
     * Stops the run from another thread (e.g. on SIGTERM): hosts in a running block finish the command they are
     * running and stop before their next one, so the block fails; with no block running, the next block fails at
     * once. Blocks after that run normally, so failure handling (releasing a lock) still reaches the hosts.
     */
    public synchronized void stop(String why) {
        if (running.isEmpty()) {
            pendingStop = why;
        } else {
            for (Cancellation c : running) c.cancelFromOutside(why);
        }
    }

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
        String stopped0 = takePendingStop();
        if (stopped0 != null) {
            List<HostFailure> all = new ArrayList<>();
            for (Host h : distinct) all.add(new HostFailure(h, new Cancellation.CancelledException(h, stopped0)));
            throw new OnFailedException(all, List.of());
        }
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

    private synchronized String takePendingStop() {
        String s = pendingStop;
        pendingStop = null;
        return s;
    }

    private void runTogether(String blockId, List<Host> hosts, HostBlock block, List<HostFailure> failures, List<Host> stopped,
                             boolean stopOthers) {
        Cancellation shared = new Cancellation();
        List<Cancellation> mine = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) mine.add(stopOthers ? shared : new Cancellation());
        running.addAll(mine);
        try {
            List<Future<Throwable>> futures = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                Host h = hosts.get(i);
                Cancellation c = mine.get(i);
                futures.add(pool.submit(() -> runOne(blockId, h, block, c)));
            }
            boolean external = false;
            List<Host> stoppedHere = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                Throwable t = await(futures.get(i));
                external |= mine.get(i).isExternal();
                if (t instanceof Cancellation.CancelledException) stoppedHere.add(hosts.get(i));
                else if (t != null) failures.add(new HostFailure(hosts.get(i), t));
            }
            if (external) {
                // stopped from outside (stop()): a host that stopped did not finish the block, so it failed
                for (int i = 0; i < hosts.size(); i++) {
                    if (stoppedHere.contains(hosts.get(i))) {
                        failures.add(new HostFailure(hosts.get(i), new Cancellation.CancelledException(hosts.get(i), mine.get(i).reason())));
                    }
                }
            } else {
                stopped.addAll(stoppedHere);
            }
        } finally {
            mine.forEach(running::remove);
        }
    }

    private void runInSequence(String blockId, List<Host> hosts, Duration wait, HostBlock block, List<HostFailure> failures,
                               boolean stopOthers) {
        for (int i = 0; i < hosts.size(); i++) {
            Cancellation c = new Cancellation();
            running.add(c);
            Throwable t;
            try {
                t = runOne(blockId, hosts.get(i), block, c);
            } finally {
                running.remove(c);
            }
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
