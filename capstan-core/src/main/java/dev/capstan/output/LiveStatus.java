package dev.capstan.output;

import dev.capstan.remote.Verbosity;
import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * While commands run: on a terminal, one status line at the bottom, refreshed in place
 * ({@code [parallel] 3/10 hosts done, 6 running, 1 failed}), erased before any other line and removed when the block
 * ends. A command running for {@link #SLOW_SECONDS} or more is named there with its hosts and how long it has run
 * ({@code deploy:updating  git fetch … on web2, web3  42 s}), so a hung hook or git server shows what it waits for.
 * Not on a terminal, the same is printed as a line of its own after 10 s, 30 s, then once a minute.
 * Transfers ({@link TransferMeter}) lead the line, redrawn at most {@link #TRANSFER_REDRAWS_PER_SECOND} times a
 * second; a download onto this machine gets a line when it ends, and one when it starts if there is no terminal.
 */
final class LiveStatus implements EventListener, AutoCloseable {
    static final int SLOW_SECONDS = 5;
    private static final long[] PERIODIC_SECONDS = {10, 30, 60};
    static final int TRANSFER_REDRAWS_PER_SECOND = 10;

    private final int slowSeconds;
    private final long[] periodicSeconds;

    private static final class Block {
        final String mode;
        final int hosts;
        int done;
        int failed;

        Block(String mode, int hosts) {
            this.mode = mode;
            this.hosts = hosts;
        }
    }

    private final Console console;
    private final boolean terminal;
    private final Map<String, Block> blocks = new LinkedHashMap<>();
    private final Deque<String> tasks = new ArrayDeque<>();
    private final SlowCommands slow = new SlowCommands();
    private final TransferMeter transfers = new TransferMeter();
    private final Verbosity level;
    /** What the format puts before a message line (concise indents it, pretty gives its level). */
    private final String linePrefix;
    private long transferDrawnAt;
    private final ScheduledExecutorService ticker;
    private int periodicShown;
    private long periodicAt;
    /** The status line drawn last (terminal). */
    private String drawn;

    /** {@code level}: the console's; a download's start and end lines are INFO messages, after {@code linePrefix}. */
    LiveStatus(Console console, boolean terminal, Verbosity level, String linePrefix) {
        this(console, terminal, SLOW_SECONDS, PERIODIC_SECONDS, level, linePrefix);
    }

    /** With other thresholds (tests): named after {@code slowSeconds}, printed after each of {@code periodicSeconds}. */
    LiveStatus(Console console, boolean terminal, int slowSeconds, long[] periodicSeconds) {
        this(console, terminal, slowSeconds, periodicSeconds, Verbosity.INFO, "      ");
    }

    private LiveStatus(Console console, boolean terminal, int slowSeconds, long[] periodicSeconds, Verbosity level, String linePrefix) {
        this.console = console;
        this.level = level;
        this.linePrefix = linePrefix;
        this.terminal = terminal;
        this.slowSeconds = slowSeconds;
        this.periodicSeconds = periodicSeconds.clone();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "capstan-live-status");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void on(Event e) {
        if (e instanceof Event.TransferProgress p) {
            transferred(p, System.nanoTime());
            return;
        } else if (e instanceof Event.TaskStarted t) {
            tasks.push(t.task());
            return;
        } else if (e instanceof Event.TaskFinished) {
            if (!tasks.isEmpty()) tasks.pop();
            transfers.clear();
            if (terminal) redraw(System.nanoTime());
            return;
        } else if (e instanceof Event.CommandStarted s) {
            slow.started(tasks.peek(), s.command(), s.host());
            return;
        } else if (e instanceof Event.CommandOutput o) {
            slow.printed(o.command(), o.host(), o.line());
            return;
        } else if (e instanceof Event.CommandFinished f) {
            slow.finished(f.command(), f.host());
            if (slow.slowest(System.nanoTime()) == null) periodicShown = 0;
            if (terminal) redraw(System.nanoTime()); // a slow command that ended leaves the line
            return;
        } else if (e instanceof Event.BlockStarted b && b.hosts().size() > 1) {
            blocks.put(b.blockId(), new Block(b.mode(), b.hosts().size()));
        } else if (e instanceof Event.HostFinished h && blocks.containsKey(h.blockId())) {
            Block b = blocks.get(h.blockId());
            if (h.error() == null) b.done++;
            else b.failed++;
        } else if (e instanceof Event.BlockFinished b) {
            transfers.blockEnded();
            if (blocks.remove(b.blockId()) == null) {
                if (terminal) redraw(System.nanoTime());
                return;
            }
        } else {
            return;
        }
        if (terminal) draw(text(System.nanoTime()));
    }

    /** A download onto this machine is announced (no terminal) and closed with a line; the line is redrawn, not too often. */
    private void transferred(Event.TransferProgress p, long now) {
        TransferMeter.Transfer fetch = transfers.update(p, now);
        boolean lines = Verbosity.INFO.atLeast(level);
        if (fetch != null && fetch.first() && !terminal && lines) console.line(linePrefix + TransferMeter.startLine(fetch));
        if (fetch != null && fetch.done() && lines) console.line(linePrefix + TransferMeter.endLine(fetch, now));
        boolean due = now - transferDrawnAt >= 1_000_000_000L / TRANSFER_REDRAWS_PER_SECOND;
        if (terminal && (due || (fetch != null && fetch.done()))) {
            transferDrawnAt = now;
            redraw(now);
        }
    }

    private void draw(String text) {
        drawn = text;
        console.status(text);
    }

    /** Draws the line again only when it changed (the seconds of a slow command, or it ended). */
    private void redraw(long now) {
        String text = text(now);
        if (!java.util.Objects.equals(text, drawn)) draw(text);
    }

    private synchronized void tick() {
        long now = System.nanoTime();
        String running = slow.describe(now, slowSeconds);
        if (terminal) {
            redraw(now);
            return;
        }
        long seconds = slow.longestSeconds(now);
        long due = periodicSeconds[Math.min(periodicShown, periodicSeconds.length - 1)];
        boolean first = periodicShown == 0;
        if (running == null || seconds < due || (!first && now - periodicAt < due * 1_000_000_000L)) return;
        periodicShown++;
        periodicAt = now;
        console.line("      still running: " + running);
    }

    /** The status: the innermost running block, then what has been running for a while; null when there is neither. */
    String text(long now) {
        Block b = null;
        for (Block each : blocks.values()) b = each;
        String running = slow.describe(now, slowSeconds);
        String moving = transfers.live(now);
        String lead = moving == null ? "      " : "      " + moving + (b == null && running == null ? "" : " · ");
        if (b == null) return running == null ? (moving == null ? null : lead) : lead + running;
        int left = b.hosts - b.done - b.failed;
        return lead + "[" + b.mode + "] " + (b.done + b.failed) + "/" + b.hosts + " hosts done, " + left + " running, "
                + (b.failed == 0 ? "0 failed" : console.paint(b.failed + " failed", Console.RED))
                + (running == null ? "" : " · " + running);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
