package dev.capstan.deploy;

import dev.capstan.deploy.service.ServiceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real sidekiq against a real redis-server on a loopback port: quiet (TSTP) at deploy:starting, TERM at the
 * restart with a job in flight (pushed back to Redis within -t), started again from the new release, which runs the
 * job to its end: it is not lost.
 */
@Timeout(180)
class SidekiqRestartIT extends DeployTestBase {
    private Process redis;
    private Path pidFile;

    @Override
    String[] plugins() { return new String[] {"deploy", "scm/git", "services"}; }

    @AfterEach
    void stop() throws Exception {
        if (pidFile != null && Files.exists(pidFile)) ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(ProcessHandle::destroyForcibly);
        if (redis != null) redis.destroyForcibly().waitFor();
    }

    @Test
    void aJobInFlightAtTheRestartIsNotLost() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        redis = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
                .redirectOutput(tmp.resolve("redis.log").toFile()).redirectErrorStream(true).start();
        awaitPort(port);
        Path started = tmp.resolve("started");
        Path done = tmp.resolve("done");
        String jobs = "require 'sidekiq'\n"
                + "class SlowJob\n  include Sidekiq::Worker\n"
                + "  def perform(started, done, seconds)\n    File.write(started, File.basename(Dir.pwd))\n    sleep seconds\n"
                + "    File.write(done, File.basename(Dir.pwd))\n  end\nend\n";
        DeployHarness.commit(repo, Map.of("jobs.rb", jobs), "v1");
        pidFile = deployTo.resolve("shared/tmp/pids/worker.pid");
        String redisUrl = "redis://127.0.0.1:" + port + "/0";
        try (DeployHarness h = harness()) {
            h.config.set("linked_dirs", List.of("log", "tmp/pids"));
            h.config.append(ServiceSpec.SERVICES, new LinkedHashMap<>(Map.of("name", "worker", "role", "app", "type", "sidekiq", "timeout", 2,
                    "command", "env REDIS_URL=" + redisUrl + " sidekiq", "args", "-r ./jobs.rb -c 1")));
            h.run("deploy");
            long first = pid();
            String release1 = Files.readSymbolicLink(deployTo.resolve("current")).getFileName().toString();

            ProcessBuilder client = new ProcessBuilder("ruby", "-r./jobs.rb", "-e", "SlowJob.perform_async(ARGV[0], ARGV[1], 6)", started.toString(), done.toString())
                    .directory(deployTo.resolve("current").toFile()).redirectErrorStream(true);
            client.environment().put("REDIS_URL", redisUrl);
            Process enqueue = client.start();
            enqueue.getOutputStream().close();
            assertThat(enqueue.waitFor()).as(new String(enqueue.getInputStream().readAllBytes())).isZero();
            awaitFile(started, 30);
            assertThat(Files.readString(started)).isEqualTo(release1);

            DeployHarness.commit(repo, Map.of("jobs.rb", jobs + "# v2\n"), "v2");
            h.run("deploy");
            String release2 = Files.readSymbolicLink(deployTo.resolve("current")).getFileName().toString();
            assertThat(pid()).isNotEqualTo(first);
            String log = Files.readString(deployTo.resolve("shared/log/worker.log"));
            assertThat(log).contains("TSTP");
            assertThat(done).doesNotExist();
            awaitFile(done, 40);
            assertThat(Files.readString(done)).as("the job pushed back at TERM ran to its end in the new release").isEqualTo(release2);
        }
    }

    private long pid() throws Exception {
        return Long.parseLong(Files.readString(pidFile).strip());
    }

    static void awaitFile(Path p, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10 && !Files.exists(p); i++) Thread.sleep(100);
        assertThat(p).exists();
    }

    static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nothing listens on 127.0.0.1:" + port);
    }
}
