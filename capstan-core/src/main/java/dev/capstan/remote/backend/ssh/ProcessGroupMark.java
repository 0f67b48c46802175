package dev.capstan.remote.backend.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Every command starts by printing its shell's pid on stderr ({@link #ANNOUNCE}); sshd runs each command in a new
 * session (setsid), so that pid is the process group of everything the command starts. This filter takes that first
 * line out of the output and hands the pid on; every other byte passes through unchanged.
 */
final class ProcessGroupMark extends OutputStream {
    private static final byte[] MARK = "\u0001capstan-pgid ".getBytes(StandardCharsets.US_ASCII);
    /** The prefix sent before every command's script. */
    static final String ANNOUNCE = "printf '\\001capstan-pgid %s\\n' \"$$\" >&2; ";

    private final OutputStream next;
    private final LongConsumer found;
    private ByteArrayOutputStream head = new ByteArrayOutputStream();

    ProcessGroupMark(OutputStream next, LongConsumer found) {
        this.next = next;
        this.found = found;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (head == null) {
            next.write(b, off, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            head.write(b[off + i]);
            byte[] h = head.toByteArray();
            if (!couldBeMark(h)) {
                // one write, as it came: a prompt is matched against the chunk it arrived in
                head = null;
                byte[] all = java.util.Arrays.copyOf(h, h.length + len - i - 1);
                System.arraycopy(b, off + i + 1, all, h.length, len - i - 1);
                next.write(all, 0, all.length);
                return;
            }
            if (b[off + i] == '\n') {
                String pid = new String(h, MARK.length, h.length - MARK.length, StandardCharsets.US_ASCII).strip();
                head = null;
                try {
                    found.accept(Long.parseLong(pid));
                } catch (NumberFormatException notAPid) {
                    // not our line after all: nothing to hand on
                }
                next.write(b, off + i + 1, len - i - 1);
                return;
            }
        }
    }

    /** Passes on what was held back (a stream that ended inside a would-be mark). */
    synchronized void finish() throws IOException {
        if (head != null) passHead();
    }

    @Override
    public void flush() throws IOException {
        next.flush();
    }

    private void passHead() throws IOException {
        byte[] h = head.toByteArray();
        head = null;
        next.write(h, 0, h.length);
    }

    private static boolean couldBeMark(byte[] h) {
        if (h.length > MARK.length + 24) return false;
        for (int i = 0; i < Math.min(h.length, MARK.length); i++) if (h[i] != MARK[i]) return false;
        return true;
    }
}
