package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.OutputSink;
import dev.capstan.remote.event.Event.Stream;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The stream MINA writes a channel's stdout or stderr into: decodes UTF-8 across chunk boundaries
 * (invalid bytes become U+FFFD), hands text to the {@link OutputSink} and passes its replies on.
 * Nothing is buffered beyond one chunk, so a command printing gigabytes costs no memory here.
 */
final class SinkStream extends OutputStream {
    private final Stream stream;
    private final OutputSink sink;
    private final Consumer<String> replies;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private CharBuffer chars = CharBuffer.allocate(8192);

    SinkStream(Stream stream, OutputSink sink, Consumer<String> replies) {
        this.stream = stream;
        this.sink = sink;
        this.replies = replies;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        ByteBuffer in;
        if (pending.hasRemaining()) {
            in = ByteBuffer.allocate(pending.remaining() + len);
            in.put(pending).put(b, off, len).flip();
        } else {
            in = ByteBuffer.wrap(b, off, len);
        }
        decode(in, false);
        pending = in.hasRemaining() ? ByteBuffer.allocate(in.remaining()).put(in).flip() : ByteBuffer.allocate(0);
    }

    /** Delivers the last incomplete character, if any, as U+FFFD. */
    synchronized void finish() {
        decode(pending, true);
        pending = ByteBuffer.allocate(0);
        chars.clear();
        decoder.flush(chars);
        deliver();
    }

    private void decode(ByteBuffer in, boolean endOfInput) {
        while (true) {
            chars.clear();
            var result = decoder.decode(in, chars, endOfInput);
            deliver();
            if (!result.isOverflow()) return;
        }
    }

    private void deliver() {
        chars.flip();
        if (!chars.hasRemaining()) return;
        String reply = sink.onData(stream, chars.toString());
        if (reply != null) replies.accept(reply);
    }
}
