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
 * error listed ({@link OnFailedException}). {@link #stop} (an interrupt) ends the commands running now.
 */
public final class Coordinator implements AutoCloseable {
    private final BackendProvider backends;
    private final RemoteSettings settings;
    private final EventListener events;
    private final ExecutorService pool;
    private final java.util.Set<Cancellation> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final RunStop stop = new RunStop();
    private final CommandsInFlight inFlight;

    public Coordinator(BackendProvider backends, RemoteSettings settings, EventListener events) {
        this.backends = backends;
        this.settings = settings;
        this.inFlight = new CommandsInFlight(events);
        this.events = inFlight;
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
     * Stops the run from another thread (an interrupt): the commands running now are ended on their hosts, their
     * blocks fail, and no new block starts until that failure has been raised (so failure handling, such as
     * releasing the lock, still reaches the hosts). Inside {@link #completing} or {@link #handlingFailure} nothing is
     * ended: the stop takes effect when the section is over.
     *
     * @return false when the run was already stopped (a second interrupt changes nothing)
     */
    public boolean stop(String why) {
        List<Runnable> ends = new ArrayList<>();
        synchronized (this) {
            if (!stop.request(why)) return false;
            if (stop.effective() != null) for (Cancellation c : running) ends.addAll(c.cancelFromOutside(why));
        }
        for (Runnable end : ends) pool.execute(end);
        return true;
    }

    /** Whether {@link #stop} was called. */
    public boolean stopped() { return stop.reason() != null; }

    /** What a stop now would wait for ({@code deploy:publishing}, {@code the failure handling}), or null. */
    public String stopHeldBackBy() { return stop.heldBy(); }

    /** What runs now and where ({@code sleep 600 on web1, web2 (for 42 s)}), or null when no command runs. */
    public String waitingFor() { return inFlight.describe(Instant.now()); }

    /** Raises the pending stop, if any: a flow calls this between its steps (a stop may come while no block runs). */
    public void checkStopped(String where) {
        String why = stop.take();
        if (why != null) throw new RunStoppedException("stopped " + where + ": " + why);
    }

    /**
     * Runs {@code body} to its end even if the run is stopped meanwhile (publishing: every host switches, so the fleet
     * ends on one release); a stop that came meanwhile is raised when it is done.
     */
    public void completing(String what, Runnable body) {
        hold(what, body);
        checkStopped("after " + what + " completed");
    }

    /** Runs failure handling ({@code deploy:failed}, ensured tasks): its blocks run even when the run was stopped. */
    public void handlingFailure(Runnable body) {
        hold("the failure handling", body);
    }

    private void hold(String what, Runnable body) {
        stop.hold(what);
        try {
            body.run();
        } finally {
            stop.release();
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
        String stopped0 = stop.take();
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
        if (!failures.isEmpty()) {
            stop.raised();
            throw new OnFailedException(failures, stopped);
        }
    }

    private void runTogether(String blockId, List<Host> hosts, HostBlock block, List<HostFailure> failures, List<Host> stopped,
                             boolean stopOthers) {
        Cancellation shared = new Cancellation();
        List<Cancellation> mine = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) mine.add(stopOthers ? shared : new Cancellation());
        register(mine);
        try {
            List<Future<Throwable>> futures = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                Host h = hosts.get(i);
                Cancellation c = mine.get(i);
                futures.add(pool.submit(() -> runOne(blockId, h, block, c)));
            }
            boolean external = false;
            List<HostFailure> stoppedHere = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                Throwable t = await(futures.get(i));
                external |= mine.get(i).isExternal();
                if (t instanceof Cancellation.CancelledException) stoppedHere.add(new HostFailure(hosts.get(i), t));
                else if (t != null) failures.add(new HostFailure(hosts.get(i), t));
            }
            // stopped from outside (stop()): a host that stopped did not finish the block, so it failed
            if (external) failures.addAll(stoppedHere);
            else stoppedHere.forEach(f -> stopped.add(f.host()));
        } finally {
            mine.forEach(running::remove);
        }
    }

    private void runInSequence(String blockId, List<Host> hosts, Duration wait, HostBlock block, List<HostFailure> failures,
                               boolean stopOthers) {
        for (int i = 0; i < hosts.size(); i++) {
            Cancellation c = new Cancellation();
            register(List.of(c));
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

    /** Tracks a block's cancellations; when the run is already stopped they start cancelled (nothing new starts). */
    private synchronized void register(List<Cancellation> cs) {
        running.addAll(cs);
        String why = stop.effective();
        if (why != null) for (Cancellation c : cs) c.cancelFromOutside(why);
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
