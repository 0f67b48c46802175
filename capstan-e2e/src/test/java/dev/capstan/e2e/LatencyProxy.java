package dev.capstan.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy that adds a round-trip time: every chunk is forwarded rtt/2 after it arrived, in each direction.
 * Reading never waits (each direction has a queue drained by its own writer at each chunk's due time), so the
 * proxy adds latency without limiting bandwidth, and keeps the byte order.
 *
 * <pre>
 * try (LatencyProxy p = LatencyProxy.start("127.0.0.1", 0, new InetSocketAddress("127.0.0.1", 22), 40)) {
 *     connect to p.address():p.port()
 * }
 * </pre>
 */
final class LatencyProxy implements AutoCloseable {
    private static final byte[] EOF = new byte[0];

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long oneWayNanos;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LatencyProxy(ServerSocket server, InetSocketAddress target, long rttMillis) {
        this.server = server;
        this.target = target;
        this.oneWayNanos = TimeUnit.MILLISECONDS.toNanos(rttMillis) / 2;
    }

    /** Listens on {@code address:port} (port 0: any free port) and forwards to {@code target} with {@code rttMillis} added. */
    static LatencyProxy start(String address, int port, InetSocketAddress target, long rttMillis) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(address), port), 200);
        LatencyProxy p = new LatencyProxy(s, target, rttMillis);
        daemon("latency-proxy-accept-" + s.getLocalPort(), p::accept);
        return p;
    }

    String address() { return server.getInetAddress().getHostAddress(); }

    int port() { return server.getLocalPort(); }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket upstream = new Socket();
            try {
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(target, 5000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            open.add(client);
            open.add(upstream);
            Pair pair = new Pair(client, upstream);
            pipe(client, upstream, pair, "up");
            pipe(upstream, client, pair, "down");
        }
    }

    /** Both sockets of one connection; closed when both directions have ended. */
    private final class Pair {
        final Socket a;
        final Socket b;
        int ended;

        Pair(Socket a, Socket b) {
            this.a = a;
            this.b = b;
        }

        synchronized void ended() {
            if (++ended == 2) abort();
        }

        void abort() {
            closeQuietly(a);
            closeQuietly(b);
            open.remove(a);
            open.remove(b);
        }
    }

    private record Chunk(long dueNanos, byte[] bytes) {}

    private void pipe(Socket from, Socket to, Pair pair, String direction) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        String name = "latency-proxy-" + from.getPort() + "-" + direction;
        daemon(name + "-read", () -> {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (n > 0) queue.add(new Chunk(System.nanoTime() + oneWayNanos, Arrays.copyOf(buf, n)));
                }
            } catch (IOException ignored) {
                // reset or closed: forward the end like an EOF
            }
            queue.add(new Chunk(System.nanoTime() + oneWayNanos, EOF));
        });
        daemon(name + "-write", () -> {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk c = queue.take();
                    long wait;
                    while ((wait = c.dueNanos() - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
                    if (c.bytes() == EOF) {
                        to.shutdownOutput();
                        break;
                    }
                    out.write(c.bytes());
                    out.flush();
                }
                pair.ended();
            } catch (IOException e) {
                pair.abort();
            } catch (InterruptedException e) {
                pair.abort();
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : open) closeQuietly(s);
        open.clear();
    }
}
