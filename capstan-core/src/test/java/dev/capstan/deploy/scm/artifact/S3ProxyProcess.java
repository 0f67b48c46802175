package dev.capstan.deploy.scm.artifact;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real S3-compatible server for tests: S3Proxy (validates V4 query signatures and their expiry) as its own process
 * from the jar Maven copies to target/s3proxy, with a filesystem store under {@code dir/data} (bucket = directory).
 */
public final class S3ProxyProcess implements AutoCloseable {
    public static final String KEY_ID = "AKIDCAPSTANTEST", SECRET = "capstan/test+secret";
    private final Process process;
    private final URI endpoint;
    private final Path data;

    private S3ProxyProcess(Process process, URI endpoint, Path data) {
        this.process = process;
        this.endpoint = endpoint;
        this.data = data;
    }

    public static S3ProxyProcess start(Path dir) throws Exception {
        Path jar = Path.of("target/s3proxy/s3proxy.jar");
        if (!Files.exists(jar)) throw new IllegalStateException(jar + " missing: copied by maven-dependency-plugin in process-test-resources");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) { port = s.getLocalPort(); }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path data = Files.createDirectories(dir.resolve("data"));
        Path conf = dir.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n", "s3proxy.endpoint=" + endpoint, "s3proxy.authorization=aws-v4",
                "s3proxy.identity=" + KEY_ID, "s3proxy.credential=" + SECRET, "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data) + "\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-jar", jar.toString(), "--properties", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        S3ProxyProcess proxy = new S3ProxyProcess(p, endpoint, data);
        for (int i = 0; i < 300 && !listening(port); i++) Thread.sleep(50);
        if (!listening(port)) {
            proxy.close();
            throw new IllegalStateException("S3Proxy not listening within 15 s; log: " + dir.resolve("s3proxy.log"));
        }
        return proxy;
    }

    public URI endpoint() { return endpoint; }

    /** Puts {@code content} at {@code bucket/key}. */
    public void put(String bucket, String key, byte[] content) throws IOException {
        Path f = data.resolve(bucket).resolve(key);
        Files.createDirectories(f.getParent());
        Files.write(f, content);
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
