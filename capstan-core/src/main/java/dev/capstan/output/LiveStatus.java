package dev.capstan.output;

import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.EventListener;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * On a terminal, while a block runs on several hosts: one status line at the bottom, refreshed in place
 * ({@code [parallel] 3/10 hosts done, 6 running, 1 failed}), erased before any other line and removed when
 * the block ends. Failures themselves are printed by the formatter as they happen.
 */
final class LiveStatus implements EventListener {
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
    private final Map<String, Block> blocks = new LinkedHashMap<>();

    LiveStatus(Console console) {
        this.console = console;
    }

    @Override
    public synchronized void on(Event e) {
        if (e instanceof Event.BlockStarted b && b.hosts().size() > 1) {
            blocks.put(b.blockId(), new Block(b.mode(), b.hosts().size()));
        } else if (e instanceof Event.HostFinished h && blocks.containsKey(h.blockId())) {
            Block b = blocks.get(h.blockId());
            if (h.error() == null) b.done++;
            else b.failed++;
        } else if (e instanceof Event.BlockFinished b) {
            if (blocks.remove(b.blockId()) == null) return;
        } else {
            return;
        }
        console.status(text());
    }

    /** The status of the innermost running block, or null when none runs. */
    String text() {
        Block b = null;
        for (Block each : blocks.values()) b = each;
        if (b == null) return null;
        int running = b.hosts - b.done - b.failed;
        return "      [" + b.mode + "] " + (b.done + b.failed) + "/" + b.hosts + " hosts done, " + running + " running, "
                + (b.failed == 0 ? "0 failed" : console.paint(b.failed + " failed", Console.RED));
    }
}
