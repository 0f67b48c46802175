package dev.capstan.remote;

import dev.capstan.remote.event.Event.Stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Copies a command's output stream into an {@link OutputSink} as decoded text chunks, and writes any
 * reply the sink returns to the command's stdin. Invalid UTF-8 becomes U+FFFD rather than an error.
 */
public final class StreamPump implements Runnable {
    private final InputStream in;
    private final Stream stream;
    private final OutputSink sink;
    private final Consumer<String> replies;

    public StreamPump(InputStream in, Stream stream, OutputSink sink, Consumer<String> replies) {
        this.in = in;
        this.stream = stream;
        this.sink = sink;
        this.replies = replies;
    }

    /** A reply writer for a process or channel stdin. */
    public static Consumer<String> writerTo(OutputStream stdin) {
        return reply -> {
            try {
                stdin.write(reply.getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException ignored) {
                // the command has closed its input; nothing more to answer
            }
        };
    }

    @Override
    public void run() {
        char[] buf = new char[8192];
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            int n;
            while ((n = r.read(buf)) > 0) {
                String reply = sink.onData(stream, new String(buf, 0, n));
                if (reply != null) replies.accept(reply);
            }
        } catch (IOException ignored) {
            // stream closed: the command ended or was stopped
        }
    }
}
