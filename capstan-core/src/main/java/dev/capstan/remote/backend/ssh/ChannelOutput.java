package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.OutputSink;
import dev.capstan.remote.event.Event.Stream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Receives a channel's stdout or stderr bytes, decodes them as UTF-8 (a character split across packets
 * is kept for the next one; invalid bytes become U+FFFD) and hands the text to the sink; a reply the
 * sink returns goes to the command's stdin.
 */
final class ChannelOutput extends OutputStream {
    private final Stream stream;
    private final OutputSink sink;
    private final Consumer<String> replies;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);

    ChannelOutput(Stream stream, OutputSink sink, Consumer<String> replies) {
        this.stream = stream;
        this.sink = sink;
        this.replies = replies;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        ByteBuffer in = ByteBuffer.allocate(pending.remaining() + len);
        in.put(pending).put(b, off, len).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        pending = in.slice();
        out.flip();
        if (out.hasRemaining()) {
            String reply = sink.onData(stream, out.toString());
            if (reply != null) replies.accept(reply);
        }
    }

    @Override
    public synchronized void close() {
        if (pending.hasRemaining()) {
            CharBuffer out = CharBuffer.allocate(pending.remaining() + 1);
            decoder.decode(pending, out, true);
            out.flip();
            pending = ByteBuffer.allocate(0);
            if (out.hasRemaining()) sink.onData(stream, out.toString());
        }
    }
}
