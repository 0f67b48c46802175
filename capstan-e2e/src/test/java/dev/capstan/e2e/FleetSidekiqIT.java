package dev.capstan.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real sidekiq per host against one real redis-server (on a loopback port), on 3 real sshd hosts restarted in groups
 * of 2 with a health check (the new process's heartbeat is in Redis). Each host's sidekiq works its own queue. A slow
 * job is in flight on every host when the next deploy starts: sidekiq is quieted at deploy:starting (a job enqueued
 * afterwards waits for the new release), gets TERM at its group's restart, pushes the job back to Redis, and the new
 * sidekiq, started from the new release, runs it to its end: no job is lost. A deploy that fails before publishing
 * restarts the sidekiqs it quieted (deploy:failed), in the release current still points to, and they take new work.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetSidekiqIT {
    static Fleet fleet;
    static Path project;
    static RedisServer redis;
    static Path out;
    static final String PID = "jobs/shared/tmp/pids/worker.pid";

    @BeforeAll
    static void start() throws Exception {
        ServiceFleet.assumeCommands("ruby-sidekiq redis-server", "sidekiq", "redis-server", "redis-cli");
        fleet = Fleet.startOrSkip(3);
        redis = RedisServer.start(fleet.root.resolve("redis.log"));
        int port = redis.port;
        out = fleet.root.resolve("jobs-out");
        Files.createDirectories(out);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
        String redisUrl = "REDIS_URL=" + redis.url();
        for (FleetHost h : fleet.hosts) {
            Path shared = h.srv().resolve("jobs/shared");
            Files.createDirectories(shared.resolve("config"));
            Files.writeString(shared.resolve("host"), h.name + "\n");
            Files.writeString(shared.resolve("config/sidekiq.yml"), ":queues:\n  - " + h.name + "\n");
            Files.writeString(shared.resolve("enqueue.rb"), "require 'sidekiq'\n"
                    + "Sidekiq::Client.push('queue' => File.read('/srv/jobs/shared/host').strip, 'class' => ARGV[0], 'args' => [ARGV[1]])\n");
            Shell.ok("chown", "-R", Fleet.USER + ":" + Fleet.USER, h.srv().resolve("jobs").toString());
        }
        project = ServiceFleet.project(fleet, "jobs",
                "set 'linked_dirs', ['log', 'tmp/pids']",
                "set 'linked_files', ['config/sidekiq.yml']",
                "set 'restart_in', 'groups'",
                "set 'restart_limit', 2",
                "service 'worker', role: 'app', type: 'sidekiq', timeout: 2, command: 'env " + redisUrl + " sidekiq', args: '-r ./jobs.rb -C config/sidekiq.yml -c 2'",
                "health 'worker', command: 'redis-cli -p " + port + " smembers processes | grep -q \":$(cat tmp/pids/worker.pid):\"', timeout: 15",
                // after the quiet at deploy:starting: a job the old sidekiq must leave to the new one
                "task('enqueue_while_quiet') { on(roles('app')) { execute 'env " + redisUrl + " ruby /srv/jobs/shared/enqueue.rb QuickJob " + out + "' } }",
                "before 'deploy:publishing', 'enqueue_while_quiet'",
                // a deploy that fails before publishing where a host holds /srv/jobs/shared/fail
                "task('fail_if_asked') { on(roles('app')) { execute 'test ! -e /srv/jobs/shared/fail' } }",
                "before 'deploy:publishing', 'fail_if_asked'");
    }

    @AfterAll
    static void stop() throws Exception {
        if (redis != null) redis.close();
        ServiceFleet.end(fleet);
    }

    static final String JOBS = "require 'sidekiq'\n"
            + "HOST = File.read('/srv/jobs/shared/host').strip\n"
            + "class SlowJob\n  include Sidekiq::Worker\n"
            + "  # notes each start with its release, then runs until the test writes OUT/go (at most 60 s)\n"
            + "  def perform(out)\n    File.open(\"#{out}/#{HOST}.started\", 'a') { |f| f.puts File.basename(Dir.pwd) }\n"
            + "    600.times { break if File.exist?(\"#{out}/go\"); sleep 0.1 }\n"
            + "    File.write(\"#{out}/#{HOST}.done\", File.basename(Dir.pwd))\n  end\nend\n"
            + "class QuickJob\n  include Sidekiq::Worker\n"
            + "  def perform(out)\n    File.write(\"#{out}/#{HOST}.quick\", File.basename(Dir.pwd))\n  end\nend\n";

    @Test
    @Order(1)
    void aJobInFlightOnEveryHostSurvivesTheRollingRestart() throws Exception {
        fleet.commit("jobs.rb", JOBS, "jobs v1");
        Projects.succeeded(Projects.capstan(fleet, project, "e2e", "deploy"));
        String first = ServiceProbe.current(fleet.hosts.get(0), "jobs");
        Map<String, Long> before = new HashMap<>();
        for (FleetHost h : fleet.hosts) {
            long pid = worker(h);
            assertThat(ServiceProbe.releaseOf(pid)).as(h.name + "'s sidekiq runs in the first release").isEqualTo(first);
            before.put(h.name, pid);
            ServiceProbe.awaitFile(out.resolve(h.name + ".quick"), 30); // the first deploy's hook job: sidekiq works the host's queue
            Files.delete(out.resolve(h.name + ".quick"));
        }

        enqueue("SlowJob", out);
        for (FleetHost h : fleet.hosts) {
            ServiceProbe.awaitFile(out.resolve(h.name + ".started"), 30);
            assertThat(Files.readAllLines(out.resolve(h.name + ".started"))).as(h.name + "'s job is in flight").containsExactly(first);
        }

        fleet.commit("jobs.rb", JOBS + "# v2\n", "jobs v2");
        Shell.Result deploy = Projects.capstan(fleet, project, "e2e", "deploy");
        Projects.succeeded(deploy);
        assertThat(deploy.out()).contains("(group 1 of 2)", "(group 2 of 2)");
        String second = ServiceProbe.current(fleet.hosts.get(0), "jobs");
        assertThat(second).isNotEqualTo(first);
        Map<String, Instant> started = new HashMap<>();
        for (FleetHost h : fleet.hosts) {
            long pid = worker(h);
            assertThat(pid).as(h.name + "'s sidekiq was restarted").isNotEqualTo(before.get(h.name));
            assertThat(ProcessHandle.of(before.get(h.name))).as(h.name + "'s old sidekiq is gone").isEmpty();
            assertThat(ServiceProbe.releaseOf(pid)).as(h.name + "'s new sidekiq runs in the new release").isEqualTo(second);
            started.put(h.name, ProcessHandle.of(pid).orElseThrow().info().startInstant().orElseThrow());
            String log = Files.readString(h.srv().resolve("jobs/shared/log/worker.log"));
            assertThat(log).contains("Received TSTP, no longer accepting new work", "Pushed 1 jobs back to Redis");
            int pushed = log.indexOf("Pushed 1 jobs back to Redis");
            assertThat(log.indexOf("Received TSTP")).as("quiet before the stop").isLessThan(pushed);
            assertThat(log.indexOf("Bye!", pushed)).as(h.name + "'s old sidekiq exited by itself after pushing the job back (no KILL)").isPositive();
            assertThat(out.resolve(h.name + ".done")).as(h.name + "'s job is still running (it waits for go)").doesNotExist();
        }
        assertThat(started.get("h3")).as("h3 (group 2) restarted after group 1").isAfter(started.get("h1")).isAfter(started.get("h2"));

        for (FleetHost h : fleet.hosts) {
            ServiceProbe.awaitFile(out.resolve(h.name + ".quick"), 30);
            assertThat(Files.readString(out.resolve(h.name + ".quick"))).as("the job enqueued while " + h.name + "'s sidekiq was quiet waited for the new release")
                    .isEqualTo(second);
            awaitLines(out.resolve(h.name + ".started"), 2);
            assertThat(Files.readAllLines(out.resolve(h.name + ".started"))).as(h.name + "'s job, pushed back at TERM, started again in the new release")
                    .containsExactly(first, second);
        }
        Files.writeString(out.resolve("go"), "");
        for (FleetHost h : fleet.hosts) {
            ServiceProbe.awaitFile(out.resolve(h.name + ".done"), 30);
            assertThat(Files.readString(out.resolve(h.name + ".done"))).as(h.name + "'s job ran to its end in the new release").isEqualTo(second);
        }
    }

    /** sidekiq:restart_quieted: a deploy that fails after the quiet restarts every quieted sidekiq, so none is left quiet. */
    @Test
    @Order(2)
    void aFailedDeployRestartsTheSidekiqsItQuieted() throws Exception {
        if (!Files.exists(fleet.hosts.get(0).srv().resolve(PID))) { // run alone
            fleet.commit("jobs.rb", JOBS, "jobs");
            Projects.succeeded(Projects.capstan(fleet, project, "e2e", "deploy"));
        }
        String live = ServiceProbe.current(fleet.hosts.get(0), "jobs");
        Map<String, Long> before = new HashMap<>();
        Map<String, Long> quiets = new HashMap<>();
        for (FleetHost h : fleet.hosts) {
            before.put(h.name, worker(h));
            quiets.put(h.name, quiets(h));
        }
        Path fail = fleet.hosts.get(1).srv().resolve("jobs/shared/fail");
        Files.writeString(fail, "");
        Shell.Result failed;
        try {
            failed = Projects.capstan(fleet, project, "e2e", "deploy");
        } finally {
            Files.delete(fail);
        }
        assertThat(failed.status()).as(failed.out()).isNotZero();
        for (FleetHost h : fleet.hosts) {
            assertThat(ServiceProbe.current(h, "jobs")).as(h.name + " did not switch").isEqualTo(live);
            assertThat(quiets(h)).as(h.name + "'s sidekiq was quieted once more").isEqualTo(quiets.get(h.name) + 1);
            long pid = worker(h);
            assertThat(pid).as(h.name + "'s quieted sidekiq was restarted after deploy:failed").isNotEqualTo(before.get(h.name));
            assertThat(ProcessHandle.of(before.get(h.name))).as(h.name + "'s quieted sidekiq is gone").isEmpty();
            assertThat(ServiceProbe.releaseOf(pid)).as(h.name + "'s sidekiq runs in the release current still points to").isEqualTo(live);
        }
        Path after = out.resolve("after-failed");
        Files.createDirectories(after);
        Files.setPosixFilePermissions(after, PosixFilePermissions.fromString("rwxrwxrwx"));
        enqueue("QuickJob", after);
        for (FleetHost h : fleet.hosts) {
            ServiceProbe.awaitFile(after.resolve(h.name + ".quick"), 30);
            assertThat(Files.readString(after.resolve(h.name + ".quick"))).as(h.name + "'s sidekiq takes new work").isEqualTo(live);
        }
    }

    /** Pushes one {@code job} (its argument {@code dir}) onto each host's queue. */
    private static void enqueue(String job, Path dir) {
        Shell.Result r = redis.pushSidekiqJob(job, dir.toString(), fleet.hosts.stream().map(h -> h.name).toList());
        assertThat(r.status()).as(r.out()).isZero();
    }

    /** How often the host's sidekiqs logged the quiet (TSTP), from the log every one of them appends to. */
    private static long quiets(FleetHost h) throws Exception {
        return Files.readAllLines(h.srv().resolve("jobs/shared/log/worker.log")).stream().filter(l -> l.contains("Received TSTP")).count();
    }

    private static long worker(FleetHost h) throws Exception {
        return ServiceProbe.pid(h, PID);
    }

    private static void awaitLines(Path p, int n) throws Exception {
        for (int i = 0; i < 300 && Files.readAllLines(p).size() < n; i++) Thread.sleep(100);
    }
}
