package dev.capstan.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The latency shim ({@link LatencyProxy}) really adds a round-trip time without limiting bandwidth; a deploy at 40 ms RTT. */
class FleetLatencyIT {
    static Fleet fleet;

    @AfterAll
    static void stop() {
        if (fleet != null) fleet.close();
    }

    /** An echo server on loopback, for measuring through the proxy. */
    private static ServerSocket echo() throws Exception {
        ServerSocket server = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (true) {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    in.transferTo(out);
                } catch (Exception closed) {
                    if (server.isClosed()) return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    @Test
    void theProxyAddsTheRoundTripTimeButNotABandwidthLimit() throws Exception {
        try (ServerSocket server = echo();
             LatencyProxy proxy = LatencyProxy.start("127.0.0.1", 0, new InetSocketAddress("127.0.0.1", server.getLocalPort()), 40);
             Socket s = new Socket()) {
            s.connect(new InetSocketAddress(proxy.address(), proxy.port()), 2000);
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                out.write(i);
                out.flush();
                assertThat(in.read()).isEqualTo(i);
                best = Math.min(best, System.nanoTime() - t0);
            }
            double ms = best / 1e6;
            System.out.printf("round trip through a 40 ms LatencyProxy: %.1f ms%n", ms);
            assertThat(ms).as("one round trip").isBetween(40.0, 140.0);

            // 8 MiB in order, streamed: takes about one RTT more than without the proxy, not one RTT per chunk
            byte[] data = new byte[8 << 20];
            new java.util.Random(7).nextBytes(data);
            long t0 = System.nanoTime();
            Thread writer = new Thread(() -> {
                try {
                    out.write(data);
                    out.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            byte[] back = in.readNBytes(data.length);
            writer.join();
            double total = (System.nanoTime() - t0) / 1e6;
            System.out.printf("8 MiB echoed through it: %.0f ms%n", total);
            assertThat(back).isEqualTo(data);
            assertThat(total).as("not throttled to a chunk per RTT").isLessThan(2000.0);
        }
    }

    @Test
    void aDeployAt40MsRoundTripTimeReachesEveryHost() throws Exception {
        assumeTrue(Fleet.available(), "needs root, /usr/sbin/sshd, unshare and git (run .ci/run, or see docs/e2e.md)");
        fleet = Fleet.start(2, 40);
        FleetHost first = fleet.hosts.get(0);
        assertThat(first.port).as("clients reach the proxy, not the sshd").isNotEqualTo(first.sshdPort);
        assertThat(first.proxy).isNotNull();

        Path p = Projects.capstan(fleet, "rtt", "/srv/rtt", fleet.hosts, "append 'linked_dirs', 'log'");
        long t0 = System.nanoTime();
        Shell.Result r = Projects.capstan(fleet, p, "e2e", "deploy");
        System.out.printf("2-host deploy at +40 ms RTT: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(r.status()).as(r.out()).isZero();
        String release = null;
        for (FleetHost h : fleet.hosts) {
            HostState s = HostState.of(h, "/srv/rtt");
            assertThat(s.releases()).hasSize(1);
            assertThat(s.current()).isEqualTo(s.releases().get(0));
            assertThat(s.revision()).isEqualTo(fleet.head());
            assertThat(s.locked()).isFalse();
            assertThat(Files.isSymbolicLink(h.srv().resolve("rtt/releases/" + s.current() + "/log"))).isTrue();
            if (release == null) release = s.current();
            assertThat(s.current()).as("one release name for every host").isEqualTo(release);
            assertThat(h.connections()).as("one SSH connection per host, through the proxy").isEqualTo(1);
        }
    }
}
