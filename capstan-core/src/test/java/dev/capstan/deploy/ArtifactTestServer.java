package dev.capstan.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server on loopback serving artifacts, counting requests and bytes: {@code /NAME} serves a file put
 * there, {@code moved/NAME} redirects to it (302; {@code moved301/NAME}: 301), {@code cut/NAME} (another port) promises
 * the whole file and closes halfway, anything else is a 404. With {@link #requireAuthorization} a request without
 * that header gets a 401; {@link #midway} runs halfway through each body (while the client is downloading).
 */
final class ArtifactTestServer implements AutoCloseable {
    private final HttpServer server;
    private final java.net.ServerSocket cutter;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicLong bytesServed = new AtomicLong();
    final AtomicInteger redirects = new AtomicInteger();
    private volatile String authorization;
    private volatile Runnable midway = () -> {};

    ArtifactTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        cutter = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(this::cutConnections, "artifact-test-cutter");
        t.setDaemon(true);
        t.start();
    }

    /** The cut: a raw socket that promises the whole file, sends half and closes (the JDK server would keep it open). */
    private void cutConnections() {
        while (!cutter.isClosed()) {
            try (java.net.Socket s = cutter.accept()) {
                requests.incrementAndGet();
                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream()));
                String first = in.readLine();
                for (String l = first; l != null && !l.isEmpty(); l = in.readLine()) { /* the request's headers */ }
                byte[] body = first == null ? null : files.get(first.split(" ")[1].replaceFirst("^/cut/", ""));
                OutputStream out = s.getOutputStream();
                if (body == null) {
                    out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes());
                } else {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes());
                    out.write(body, 0, body.length / 2);
                    bytesServed.addAndGet(body.length / 2);
                }
                out.flush();
            } catch (IOException closed) {
                // closed by close(), or a client that went away
            }
        }
    }

    void put(String name, byte[] content) { files.put(name, content); }

    void requireAuthorization(String header) { authorization = header; }

    void midway(Runnable r) { midway = r; }

    /** {@code cut/NAME} is served by the cutting socket. */
    String url(String name) {
        if (name.startsWith("cut/")) return "http://127.0.0.1:" + cutter.getLocalPort() + "/" + name;
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        String path = ex.getRequestURI().getPath().substring(1);
        if (path.startsWith("moved/") || path.startsWith("moved301/")) {
            redirects.incrementAndGet();
            ex.getResponseHeaders().add("Location", "/" + path.substring(path.indexOf('/') + 1));
            ex.sendResponseHeaders(path.startsWith("moved/") ? 302 : 301, -1);
            ex.close();
            return;
        }
        if (authorization != null && !authorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.sendResponseHeaders(401, -1);
            ex.close();
            return;
        }
        byte[] body = files.get(path);
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body, 0, body.length / 2);
            out.flush();
            midway.run();
            out.write(body, body.length / 2, body.length - body.length / 2);
        }
        bytesServed.addAndGet(body.length);
        ex.close();
    }

    /** A real .tgz made by tar with one top directory holding {@code files}. */
    static byte[] tgz(Path dir, String top, Map<String, String> files) throws Exception {
        Path src = dir.resolve("src-" + System.nanoTime());
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = src.resolve(top).resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        Path out = dir.resolve(top + "-" + System.nanoTime() + ".tgz");
        Process p = new ProcessBuilder("tar", "-czf", out.toString(), "-C", src.toString(), top).inheritIO().start();
        if (p.waitFor() != 0) throw new IOException("tar failed");
        return Files.readAllBytes(out);
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Override
    public void close() {
        server.stop(0);
        try {
            cutter.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
