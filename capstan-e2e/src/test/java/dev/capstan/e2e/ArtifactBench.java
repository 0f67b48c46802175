package dev.capstan.e2e;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static dev.capstan.e2e.Projects.succeeded;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * bench/artifact.sh: a 50 MB .tgz deployed to real sshd fleets in both transfer modes, beside a git deploy of the
 * same fleet: wall time, bytes the hosts received from the deploying machine and from the artifact server, commands per host. Writes
 * bench/ARTIFACT-RESULTS.md.
 */
class ArtifactBench {
    @Test
    void measure() throws Exception {
        assumeTrue(Boolean.getBoolean("capstan.bench.artifact"), "run with bench/artifact.sh");
        assumeTrue(Fleet.available());
        int mb = Integer.getInteger("capstan.bench.artifact.mb", 50);
        String loadBefore = load();
        StringBuilder table = new StringBuilder("| hosts | deploy | wall s | MB from the deploying machine | MB from the artifact server | commands per host |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        for (String n : System.getProperty("capstan.bench.fleets", "10,30").split(",")) {
            try (Fleet fleet = Fleet.start(Integer.parseInt(n.strip()))) {
                byte[] tgz = tgz(fleet, mb);
                AtomicLong served = new AtomicLong();
                HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                http.createContext("/shop.tgz", ex -> {
                    ex.sendResponseHeaders(200, tgz.length);
                    try (OutputStream out = ex.getResponseBody()) { out.write(tgz); }
                    served.addAndGet(tgz.length);
                    ex.close();
                });
                http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
                http.start();
                try {
                    Path git = Projects.capstan(fleet, "bench-git", "/srv/bench-git", fleet.hosts, "");
                    table.append(row(fleet, n, "git", git, served));
                    for (String mode : new String[] {"hosts_download", "push"}) {
                        Path p = Projects.capstan(fleet, "bench-" + mode, "/srv/bench-" + mode.replace('_', '-'), fleet.hosts, String.join("\n",
                                "set 'artifact_url', 'http://127.0.0.1:" + http.getAddress().getPort() + "/shop.tgz'",
                                "set 'artifact_sha256', '" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tgz)) + "'",
                                "set 'artifact_transfer', '" + mode + "'"));
                        Files.writeString(p.resolve("Capfile"), "use 'deploy'\nuse 'scm/artifact'\n");
                        table.append(row(fleet, n, "artifact " + mode, p, served));
                        Thread.sleep(1100);
                        table.append(row(fleet, n, "artifact " + mode + ", redeploy (cached)", p, served));
                    }
                } finally {
                    http.stop(0);
                }
            }
        }
        String out = "# Artifact deploys: measured " + java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).withNano(0) + "\n\n"
                + "On commit " + commit() + ", " + Runtime.getRuntime().availableProcessors() + " cores, load average " + loadBefore
                + " before and " + load() + " after (1, 5, 15 min). " + mb + " MB .tgz (incompressible) deployed to real OpenSSH sshd"
                + " hosts on loopback (one repetition: wall times are noisy on a shared machine). 'From the deploying machine': the"
                + " bytes the hosts' sshd received (commands, output requests and SFTP uploads); a push also fetches once, counted"
                + " with the artifact server. 'Commands per host': exec channels the hosts' sshd logged (an SFTP upload is not one).\n\n"
                + table;
        System.out.println(out);
        Files.writeString(Projects.REPO_ROOT.resolve("bench/ARTIFACT-RESULTS.md"), out);
    }

    private static String row(Fleet fleet, String n, String what, Path project, AtomicLong served) throws Exception {
        long sessions = 0;
        long accepted = 0;
        long[] received = {0, 0};
        for (FleetHost h : fleet.hosts) {
            sessions -= h.sessions();
            accepted -= h.connections();
            long[] r = h.received();
            received[0] -= r[0];
            received[1] -= r[1];
        }
        long before = served.get();
        long t0 = System.nanoTime();
        succeeded(Projects.capstan(fleet, project, "e2e", "deploy"));
        double wall = (System.nanoTime() - t0) / 1e9;
        for (FleetHost h : fleet.hosts) {
            sessions += h.sessions();
            accepted += h.connections();
        }
        // each sshd logs what a connection brought when it closes, just after bin/capstan has exited
        long deadline = System.nanoTime() + 15_000_000_000L;
        long[] now;
        do {
            Thread.sleep(100);
            now = received(fleet);
        } while (now[0] + received[0] < accepted && System.nanoTime() < deadline);
        if (now[0] + received[0] < accepted) throw new IllegalStateException(what + ": not every sshd logged its connection's bytes");
        // everything the hosts' sshd received from this machine (commands, SFTP); push fetches once (in 'served' too)
        return String.format("| %s | %s | %.1f | %.1f | %.0f | %.1f |%n", n, what, wall, (now[1] + received[1]) / 1e6,
                (served.get() - before) / 1e6, (double) sessions / fleet.hosts.size());
    }

    private static long[] received(Fleet fleet) throws Exception {
        long[] sum = {0, 0};
        for (FleetHost h : fleet.hosts) {
            long[] r = h.received();
            sum[0] += r[0];
            sum[1] += r[1];
        }
        return sum;
    }

    private static String load() throws Exception {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + ", " + f[1] + ", " + f[2];
    }

    /** The commit the bench ran on, marked when the work tree had changes. */
    private static String commit() {
        String head = Shell.ok("git", "-C", Projects.REPO_ROOT.toString(), "rev-parse", "--short", "HEAD").strip();
        boolean dirty = !Shell.ok("git", "-C", Projects.REPO_ROOT.toString(), "status", "--porcelain", "--untracked-files=no").isBlank();
        return head + (dirty ? " (with uncommitted changes)" : "");
    }

    private static byte[] tgz(Fleet fleet, int mb) throws Exception {
        Path src = Files.createDirectories(fleet.root.resolve("bench-artifact/shop"));
        byte[] noise = new byte[mb << 20];
        new Random(42).nextBytes(noise);
        Files.write(src.resolve("payload.bin"), noise);
        Path out = fleet.root.resolve("shop.tgz");
        Shell.ok("tar", "-czf", out.toString(), "-C", src.getParent().toString(), "shop");
        return Files.readAllBytes(out);
    }
}
