package dev.capstan.remote;

import dev.capstan.remote.event.Event;
import dev.capstan.remote.event.Event.Stream;
import dev.capstan.remote.event.EventListener;

import java.time.Instant;

/**
 * The sink a {@link Remote} gives a backend: splits chunks into lines for the event stream,
 * keeps what the caller needs (all of stdout for capture, a bounded tail otherwise) and asks
 * the interaction handler for replies.
 */
final class OutputCollector implements OutputSink {
    private static final int TAIL_CHARS = 64 * 1024;

    private final Command command;
    private final Host host;
    private final EventListener events;
    private final InteractionHandler handler;
    private final boolean keepAllStdout;
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    private final StringBuilder partialOut = new StringBuilder();
    private final StringBuilder partialErr = new StringBuilder();

    OutputCollector(Command command, Host host, EventListener events, InteractionHandler handler, boolean keepAllStdout) {
        this.command = command;
        this.host = host;
        this.events = events;
        this.handler = handler;
        this.keepAllStdout = keepAllStdout;
    }

    @Override
    public synchronized String onData(Stream stream, String data) {
        StringBuilder all = stream == Stream.STDOUT ? stdout : stderr;
        all.append(data);
        if (!(keepAllStdout && stream == Stream.STDOUT) && all.length() > 2 * TAIL_CHARS) {
            all.delete(0, all.length() - TAIL_CHARS);
        }
        StringBuilder partial = stream == Stream.STDOUT ? partialOut : partialErr;
        partial.append(data);
        emitLines(stream, partial);
        return handler == null ? null : handler.reply(stream, data);
    }

    @Override
    public boolean interactive() { return handler != null; }

    /** Flushes a last line that had no terminator. */
    synchronized void finish() {
        flushRest(Stream.STDOUT, partialOut);
        flushRest(Stream.STDERR, partialErr);
    }

    synchronized String stdout() { return stdout.toString(); }

    synchronized String stderr() { return stderr.toString(); }

    private void emitLines(Stream stream, StringBuilder partial) {
        int start = 0;
        for (int i = 0; i < partial.length(); i++) {
            if (partial.charAt(i) == '\n') {
                int end = i > start && partial.charAt(i - 1) == '\r' ? i - 1 : i;
                emit(stream, partial.substring(start, end));
                start = i + 1;
            }
        }
        partial.delete(0, start);
    }

    private void flushRest(Stream stream, StringBuilder partial) {
        if (partial.length() > 0) emit(stream, partial.toString());
        partial.setLength(0);
    }

    private void emit(Stream stream, String line) {
        events.on(new Event.CommandOutput(Instant.now(), command, host, stream, line));
    }
}
