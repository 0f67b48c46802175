package dev.capstan.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy that makes a loopback host look like one in another region: every chunk is delivered
 * {@code rtt/2} after it was read, in each direction, so a round trip costs {@code rtt}. Chunks wait in a
 * queue per direction instead of the reader sleeping, so the delay does not throttle bandwidth.
 */
final class LatencyProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final long oneWayNanos;
    private volatile boolean closed;

    /** Listens on {@code listen} and forwards to {@code upstream} with {@code rttMillis} added per round trip. */
    LatencyProxy(InetSocketAddress listen, InetSocketAddress upstream, int rttMillis) throws IOException {
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(listen);
        this.upstream = upstream;
        this.oneWayNanos = TimeUnit.MILLISECONDS.toNanos(rttMillis) / 2;
        daemon("latency-accept-" + listen.getPort(), this::accept).start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket target = new Socket();
                target.connect(upstream, 5000);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger(2);
                pipe(client, target, open);
                pipe(target, client, open);
            } catch (IOException e) {
                if (closed) return;
            }
        }
    }

    private record Chunk(long dueNanos, byte[] bytes) {}

    private static final Chunk END = new Chunk(0, new byte[0]);

    /**
     * One direction: a reader that stamps chunks and a writer that sends each when it is due. The end of
     * one direction is passed on as a half-close; both sockets close when both directions have ended.
     */
    private void pipe(Socket from, Socket to, java.util.concurrent.atomic.AtomicInteger open) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        daemon("latency-read", () -> {
            byte[] buf = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                int n;
                while ((n = in.read(buf)) > 0) queue.add(new Chunk(System.nanoTime() + oneWayNanos, Arrays.copyOf(buf, n)));
            } catch (IOException ignored) {
                // the connection ended
            }
            queue.add(END);
        }).start();
        daemon("latency-write", () -> {
            try {
                OutputStream out = to.getOutputStream();
                for (Chunk c = queue.take(); c != END; c = queue.take()) {
                    long wait = c.dueNanos() - System.nanoTime();
                    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                    out.write(c.bytes());
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                open.set(1); // broken: close both now
            }
            if (open.decrementAndGet() == 0) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }).start();
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
