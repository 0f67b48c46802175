package dev.capstan.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real redis-server for one test class, on a loopback port it picks (the fleet's hosts share this machine's network,
 * so every host reaches it at {@link #url()}), without persistence; {@link #close()} ends it by pid.
 */
final class RedisServer implements AutoCloseable {
    final int port;
    private final Process process;

    private RedisServer(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static RedisServer start(Path log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) { port = s.getLocalPort(); }
        Process p = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RedisServer r = new RedisServer(port, p);
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return r;
            } catch (IOException notYet) {
                if (!p.isAlive()) break;
                Thread.sleep(100);
            }
        }
        r.close();
        throw new IllegalStateException("redis-server did not listen on 127.0.0.1:" + port + " (see " + log + ")");
    }

    String url() { return "redis://127.0.0.1:" + port + "/0"; }

    /** Pushes one sidekiq job of class {@code job} with the one argument {@code arg} onto each of {@code queues}. */
    Shell.Result pushSidekiqJob(String job, String arg, List<String> queues) {
        List<String> cmd = new ArrayList<>(List.of("ruby", "-e",
                "require 'sidekiq'; ARGV[2..].each { |q| Sidekiq::Client.push('queue' => q, 'class' => ARGV[0], 'args' => [ARGV[1]]) }", job, arg));
        cmd.addAll(queues);
        return Shell.run(null, Map.of("REDIS_URL", url()), 60, cmd);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
