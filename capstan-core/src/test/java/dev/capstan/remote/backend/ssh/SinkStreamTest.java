package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.OutputSink;
import dev.capstan.remote.event.Event.Stream;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Channel output decoded across chunk boundaries, replies passed on. */
class SinkStreamTest {
    @Test
    void multiByteCharactersSplitAcrossChunksArriveWhole() {
        StringBuilder got = new StringBuilder();
        SinkStream s = new SinkStream(Stream.STDOUT, (stream, data) -> { got.append(data); return null; }, r -> { });
        byte[] bytes = "über € 😀 end".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) s.write(new byte[] {b}, 0, 1);
        s.finish();
        assertThat(got.toString()).isEqualTo("über € 😀 end");
    }

    @Test
    void invalidBytesBecomeReplacementCharactersAndATruncatedTailIsFlushed() {
        StringBuilder got = new StringBuilder();
        SinkStream s = new SinkStream(Stream.STDERR, (stream, data) -> { got.append(data); return null; }, r -> { });
        s.write(new byte[] {'a', (byte) 0xff, 'b', (byte) 0xe2, (byte) 0x82}, 0, 5);
        s.finish();
        assertThat(got.toString()).isEqualTo("a\uFFFDb\uFFFD");
    }

    @Test
    void repliesOfTheSinkArePassedOnAndLargeChunksAreDeliveredInPieces() {
        List<String> replies = new ArrayList<>();
        int[] chunks = {0};
        long[] chars = {0};
        OutputSink sink = (stream, data) -> {
            chunks[0]++;
            chars[0] += data.length();
            return data.contains("?") ? "yes\n" : null;
        };
        SinkStream s = new SinkStream(Stream.STDOUT, sink, replies::add);
        s.write("continue?".getBytes(StandardCharsets.UTF_8), 0, 9);
        byte[] big = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        s.write(big, 0, big.length);
        s.finish();
        assertThat(replies).containsExactly("yes\n");
        assertThat(chars[0]).isEqualTo(100_009);
        assertThat(chunks[0]).isGreaterThan(2);
    }
}
