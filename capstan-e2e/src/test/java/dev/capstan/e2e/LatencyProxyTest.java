package dev.capstan.e2e;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;

/** The latency shim against a local echo server: a round trip through it costs at least the RTT, and bytes keep their order. */
class LatencyProxyTest {
    @Test
    void aRoundTripTakesAtLeastTheRttAndBytesArriveInOrder() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket echo = new ServerSocket(0, 50, lo)) {
            Thread t = new Thread(() -> {
                try (Socket s = echo.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    in.transferTo(out);
                } catch (Exception ignored) {
                    // the test ended
                }
            });
            t.setDaemon(true);
            t.start();
            try (LatencyProxy proxy = new LatencyProxy(new InetSocketAddress(lo, 0), new InetSocketAddress(lo, echo.getLocalPort()), 40);
                 Socket s = new Socket(lo, proxy.port())) {
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                for (int round = 0; round < 3; round++) {
                    long start = System.nanoTime();
                    out.write(new byte[] {(byte) round, 1, 2});
                    out.flush();
                    byte[] back = in.readNBytes(3);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertThat(back).containsExactly((byte) round, 1, 2);
                    assertThat(millis).as("round trip %d", round).isGreaterThanOrEqualTo(40);
                }
                // a burst larger than one chunk is not throttled per chunk: it arrives whole after about one RTT
                byte[] burst = new byte[1 << 20];
                for (int i = 0; i < burst.length; i++) burst[i] = (byte) i;
                long start = System.nanoTime();
                out.write(burst);
                out.flush();
                byte[] back = in.readNBytes(burst.length);
                assertThat(back).isEqualTo(burst);
                System.out.printf("1 MiB through a 40 ms proxy and back: %d ms%n", (System.nanoTime() - start) / 1_000_000);
            }
        }
    }
}
